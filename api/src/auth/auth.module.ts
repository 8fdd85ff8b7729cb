import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.ts";
import { RolesModule } from "../roles/roles.module.ts";
import { AuthResolver } from "./auth.resolver.ts";
import { ContractWalletSignatures } from "./contract-wallet-signatures.ts";
import { NonceStore } from "./nonce-store.ts";
import { SessionTokens } from "./session-tokens.ts";
import { SiweService } from "./siwe.service.ts";

/** Sign-In With Ethereum (smart-contract wallets checked on the chain), session tokens, their part of the schema. */
@Module({
  imports: [ChainModule, RolesModule],
  providers: [ContractWalletSignatures, NonceStore, SessionTokens, SiweService, AuthResolver],
  exports: [SessionTokens],
})
export class AuthModule {}
