import { Inject, Injectable } from "@nestjs/common";
import { SiweMessage } from "siwe";
import { type Address, type Hex, isAddressEqual, recoverMessageAddress } from "viem";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { UnauthenticatedError } from "../errors.ts";
import { ValidationError } from "#sdk/errors.ts";
import { ContractWalletSignatures } from "./contract-wallet-signatures.ts";
import { NonceStore } from "./nonce-store.ts";
import { SessionTokens } from "./session-tokens.ts";

/** Room for a Safe's signatures of several owners or an ERC-6492 wrapper with its factory call. */
const MAX_SIGNATURE_BYTES = 8_192;
const SIGNATURE = new RegExp(`^0x(?:[0-9a-fA-F]{2}){65,${MAX_SIGNATURE_BYTES}}$`);
const ECDSA_SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

/**
 * Sign-In With Ethereum (EIP-4361): message bound to this API's domain, URI and chain, single-use nonce,
 * signed by the address's own key or, for a smart-contract wallet, accepted by the wallet (ERC-1271/6492).
 * `siwe` parses the message; its `verify` is not used because it prints ethers' error with the whole
 * signature to stderr for every signature that is not 65 bytes, and checks wallets through an ethers provider.
 */
@Injectable()
export class SiweService {
  constructor(
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(NonceStore) private readonly nonces: NonceStore,
    @Inject(SessionTokens) private readonly sessions: SessionTokens,
    @Inject(ContractWalletSignatures) private readonly contractWallets: ContractWalletSignatures,
  ) {}

  /** What a wallet needs to build the message: a fresh nonce and the values signIn checks. */
  async challenge() {
    const { nonce, expiresAt } = await this.nonces.issue();
    return {
      nonce,
      expiresAt,
      domain: this.config.siwe.domain,
      uri: this.config.siwe.uri,
      chainId: this.config.chainId,
    };
  }

  async signIn(text: string, signature: string) {
    if (!SIGNATURE.test(signature))
      throw new ValidationError("signature", `must be 0x-prefixed hex of 65 to ${MAX_SIGNATURE_BYTES} bytes`);
    let message: SiweMessage;
    try {
      message = new SiweMessage(text);
    } catch (cause) {
      throw new ValidationError("message", "must be an EIP-4361 message", { cause });
    }
    this.#checkBinding(message);
    if (!(await this.#isSignedBy(message, signature as Hex)))
      throw new UnauthenticatedError("signature does not match the message's address");
    // Consumed only after the signature checked out, so a forged attempt cannot burn someone's nonce, and a
    // wallet whose check the chain could not answer can send the same message again.
    if (!(await this.nonces.consume(message.nonce)))
      throw new UnauthenticatedError("nonce unknown, expired or already used: request a new one");
    const notAfter = message.expirationTime ? Math.floor(Date.parse(message.expirationTime) / 1000) : undefined;
    const { token, session } = await this.sessions.issue(message.address.toLowerCase(), message.chainId, notAfter);
    return { token, address: session.address, expiresAt: session.expiresAt };
  }

  #checkBinding(message: SiweMessage): void {
    const now = Date.now();
    if (message.chainId !== this.config.chainId)
      throw new UnauthenticatedError(
        `message chain id ${message.chainId} is not this ledger's chain ${this.config.chainId}`,
      );
    if (message.uri !== this.config.siwe.uri)
      throw new UnauthenticatedError(`message URI must be ${this.config.siwe.uri}`);
    if (message.domain !== this.config.siwe.domain)
      throw new UnauthenticatedError("message domain is not this API's domain");
    if (message.expirationTime && now >= Date.parse(message.expirationTime))
      throw new UnauthenticatedError("message expired");
    if (message.notBefore && now < Date.parse(message.notBefore))
      throw new UnauthenticatedError("message is not valid yet (not-before in the future)");
  }

  /** The address's own key is checked here first, so an account with a key signs in while the chain is down. */
  async #isSignedBy(message: SiweMessage, signature: Hex): Promise<boolean> {
    const text = message.prepareMessage();
    const address = message.address as Address;
    if (ECDSA_SIGNATURE.test(signature)) {
      const signer = await recoverMessageAddress({ message: text, signature }).catch(() => undefined);
      if (signer && isAddressEqual(signer, address)) return true;
    }
    return this.contractWallets.isValid(address, text, signature);
  }
}
