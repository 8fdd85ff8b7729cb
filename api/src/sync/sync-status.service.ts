import { Inject, Injectable } from "@nestjs/common";
import { eq } from "drizzle-orm";
import { syncState } from "../../../indexer/src/store/schema.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { jsonRpc } from "../chain/json-rpc.ts";

/** How far the indexer has come: indexed block from the database, head from the RPC (when configured). */
@Injectable()
export class SyncStatusService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  async status() {
    const [[state], head] = await Promise.all([this.database.db.select().from(syncState).where(eq(syncState.id, 1)), this.#head()]);
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
    if (!this.config.rpcUrl) return null;
    try {
      return Number(BigInt(await jsonRpc<string>(this.config.rpcUrl, "eth_blockNumber", [])));
    } catch {
      return null;
    }
  }
}
