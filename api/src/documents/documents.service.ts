import { Inject, Injectable } from "@nestjs/common";
import { inArray } from "drizzle-orm";
import { metadataDocuments } from "#indexer/store/schema.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";

export type DocumentRow = typeof metadataDocuments.$inferSelect;

/** The IPFS documents the indexer resolved (profiles, listing metadata, reviews, evidence) and their gateway URLs. */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  async byCids(cids: readonly string[]): Promise<(DocumentRow | undefined)[]> {
    const rows = await this.database.db
      .select()
      .from(metadataDocuments)
      .where(inArray(metadataDocuments.cid, [...cids]));
    return cids.map((cid) => rows.find((row) => row.cid === cid));
  }

  gatewayUrl(cid: string): string {
    return `${this.config.publicUrl}/ipfs/${cid}`;
  }
}
