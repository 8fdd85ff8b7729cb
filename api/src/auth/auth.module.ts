import { Module } from "@nestjs/common";
import { RolesModule } from "../roles/roles.module.ts";
import { AuthResolver } from "./auth.resolver.ts";
import { NonceStore } from "./nonce-store.ts";
import { SessionTokens } from "./session-tokens.ts";
import { SiweService } from "./siwe.service.ts";

/** Sign-In With Ethereum, session tokens, and their part of the schema. */
@Module({
  imports: [RolesModule],
  providers: [NonceStore, SessionTokens, SiweService, AuthResolver],
  exports: [SessionTokens],
})
export class AuthModule {}
