import { Inject, Injectable } from "@nestjs/common";
import { sql } from "drizzle-orm";
import { generateNonce } from "siwe";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, queryRows, type Database } from "../database.ts";

/** SIWE nonces in the database: issued with an expiry, consumed once by an atomic delete. */
@Injectable()
export class NonceStore {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  async issue(): Promise<{ nonce: string; expiresAt: number }> {
    const now = Math.floor(Date.now() / 1000);
    const nonce = generateNonce();
    const expiresAt = now + this.config.siwe.nonceTtlSeconds;
    await this.database.db.execute(sql`delete from api_siwe_nonces where expires_at <= ${now}`);
    await this.database.db.execute(
      sql`insert into api_siwe_nonces (nonce, expires_at) values (${nonce}, ${expiresAt})`,
    );
    return { nonce, expiresAt };
  }

  /** True once per issued, unexpired nonce: concurrent sign-ins with the same nonce cannot both win. */
  async consume(nonce: string): Promise<boolean> {
    const now = Math.floor(Date.now() / 1000);
    const rows = await queryRows<{ nonce: string }>(
      this.database.db,
      sql`delete from api_siwe_nonces where nonce = ${nonce} and expires_at > ${now} returning nonce`,
    );
    return rows.length === 1;
  }
}
