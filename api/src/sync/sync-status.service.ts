import { Inject, Injectable } from "@nestjs/common";
import { eq } from "drizzle-orm";
import { syncState } from "#indexer/store/schema.ts";
import type { PublicClient } from "viem";
import { CHAIN_CLIENT } from "../chain/chain-client.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";

/** How far the indexer has come: indexed block from the database, head from the RPC (when configured). */
@Injectable()
export class SyncStatusService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(CHAIN_CLIENT) private readonly client: PublicClient | null,
  ) {}

  async status() {
    const [[state], head] = await Promise.all([
      this.database.db.select().from(syncState).where(eq(syncState.id, 1)),
      this.#head(),
    ]);
    const indexedBlock = state?.cursorBlock ?? null;
    return {
      chainId: state?.chainId ?? this.config.chainId,
      indexedBlock,
      headBlock: head,
      lag: head !== null && indexedBlock !== null ? Math.max(0, head - indexedBlock) : null,
      finalizedBlock: head !== null ? Math.max(0, head - this.config.finalityDepth) : null,
    };
  }

  async #head(): Promise<number | null> {
    if (!this.client) return null;
    try {
      return Number(await this.client.getBlockNumber());
    } catch {
      return null;
    }
  }
}
