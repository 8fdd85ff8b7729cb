import { Inject, Injectable } from "@nestjs/common";
import { SiweErrorType, SiweMessage } from "siwe";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { UnauthenticatedError } from "../errors.ts";
import { ValidationError } from "#sdk/errors.ts";
import { NonceStore } from "./nonce-store.ts";
import { SessionTokens } from "./session-tokens.ts";

const SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

/** Sign-In With Ethereum (EIP-4361): message bound to this API's domain, URI and chain, single-use nonce. */
@Injectable()
export class SiweService {
  constructor(
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(NonceStore) private readonly nonces: NonceStore,
    @Inject(SessionTokens) private readonly sessions: SessionTokens,
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
      throw new ValidationError("signature", "must be a 65-byte 0x-prefixed hex signature");
    let message: SiweMessage;
    try {
      message = new SiweMessage(text);
    } catch (cause) {
      throw new ValidationError("message", "must be an EIP-4361 message", { cause });
    }
    if (message.chainId !== this.config.chainId)
      throw new UnauthenticatedError(
        `message chain id ${message.chainId} is not this ledger's chain ${this.config.chainId}`,
      );
    if (message.uri !== this.config.siwe.uri)
      throw new UnauthenticatedError(`message URI must be ${this.config.siwe.uri}`);
    const { success, error } = await message.verify(
      { signature, domain: this.config.siwe.domain, nonce: message.nonce, time: new Date().toISOString() },
      { suppressExceptions: true },
    );
    if (!success) throw new UnauthenticatedError(reason(error?.type));
    // Consumed only after the signature checked out, so a forged attempt cannot burn someone's nonce.
    if (!(await this.nonces.consume(message.nonce)))
      throw new UnauthenticatedError("nonce unknown, expired or already used: request a new one");
    const notAfter = message.expirationTime ? Math.floor(Date.parse(message.expirationTime) / 1000) : undefined;
    const { token, session } = await this.sessions.issue(message.address.toLowerCase(), message.chainId, notAfter);
    return { token, address: session.address, expiresAt: session.expiresAt };
  }
}

function reason(type: SiweErrorType | string | undefined): string {
  switch (type) {
    case SiweErrorType.DOMAIN_MISMATCH:
      return "message domain is not this API's domain";
    case SiweErrorType.EXPIRED_MESSAGE:
      return "message expired";
    case SiweErrorType.NOT_YET_VALID_MESSAGE:
      return "message is not valid yet (not-before in the future)";
    case SiweErrorType.INVALID_SIGNATURE:
      return "signature does not match the message's address";
    default:
      return `message rejected: ${type ?? "unknown reason"}`;
  }
}
