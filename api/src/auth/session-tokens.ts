import { randomBytes, randomUUID } from "node:crypto";
import { Inject, Injectable } from "@nestjs/common";
import { sql } from "drizzle-orm";
import { errors, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { Logger } from "pino";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, queryRows, type Database } from "../database.ts";
import { UnauthenticatedError } from "../errors.ts";

export interface Session {
  /** Lowercase address of the signed-in account. */
  address: string;
  chainId: number;
  /** Token id, what signOut revokes. */
  jti: string;
  /** Unix seconds. */
  expiresAt: number;
}

const ISSUER = "commerce-ledger-api";

/**
 * Sessions are HS256 JWTs signed with SESSION_SECRET, so any replica sharing the secret accepts them
 * without server memory; revoked token ids are kept in the database until they would have expired.
 */
@Injectable()
export class SessionTokens {
  readonly #key: Uint8Array;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    if (!config.session.secret)
      logger.warn(
        "SESSION_SECRET is not set: sessions are signed with a random per-process key and end with the process",
      );
    this.#key = config.session.secret ? new TextEncoder().encode(config.session.secret) : randomBytes(32);
  }

  async issue(address: string, chainId: number, notAfter?: number): Promise<{ token: string; session: Session }> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = Math.min(now + this.config.session.ttlSeconds, notAfter ?? Number.POSITIVE_INFINITY);
    const session = { address, chainId, jti: randomUUID(), expiresAt };
    const token = await new SignJWT({ chainId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(address)
      .setJti(session.jti)
      .setIssuer(ISSUER)
      .setAudience(this.config.siwe.domain)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { token, session };
  }

  /**
   * The session of an `Authorization: Bearer <token>` header: null without the header; a header that is not a
   * bearer token, or an expired, forged or revoked token, is UNAUTHENTICATED.
   */
  async fromHeader(authorization: string | null | undefined): Promise<Session | null> {
    if (!authorization) return null;
    return this.verify(/^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? "");
  }

  /** The session of a bearer token; expired, forged or revoked tokens are UNAUTHENTICATED. */
  async verify(token: string): Promise<Session> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#key, {
        issuer: ISSUER,
        audience: this.config.siwe.domain,
        algorithms: ["HS256"],
      }));
    } catch (cause) {
      throw new UnauthenticatedError(
        cause instanceof errors.JWTExpired ? "session expired: sign in again" : "invalid session token",
        { cause },
      );
    }
    const session = {
      address: String(payload.sub),
      chainId: Number(payload.chainId),
      jti: String(payload.jti),
      expiresAt: Number(payload.exp),
    };
    const revoked = await queryRows<{ jti: string }>(
      this.database.db,
      sql`select jti from api_revoked_sessions where jti = ${session.jti}`,
    );
    if (revoked.length > 0) throw new UnauthenticatedError("session signed out: sign in again");
    return session;
  }

  async revoke(session: Session): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    await this.database.db.execute(sql`delete from api_revoked_sessions where expires_at <= ${now}`);
    await this.database.db.execute(
      sql`insert into api_revoked_sessions (jti, expires_at) values (${session.jti}, ${session.expiresAt})
          on conflict do nothing`,
    );
  }
}
