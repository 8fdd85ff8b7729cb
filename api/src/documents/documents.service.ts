import { Inject, Injectable } from "@nestjs/common";
import { inArray } from "drizzle-orm";
import { metadataDocuments } from "#indexer/store/schema.ts";
import { BoundedMap } from "../common/bounded-map.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";

export type DocumentRow = typeof metadataDocuments.$inferSelect;

/** Resolved documents kept by CID: up to this many, the oldest forgotten first. */
const RESOLVED_DOCUMENTS_KEPT = 10_000;

/** The IPFS documents the indexer resolved (profiles, listing metadata, reviews, evidence) and their gateway URLs. */
@Injectable()
export class DocumentsService {
  /**
   * Documents the indexer resolved (status OK): what a CID names never changes, so they are kept without an
   * expiry or an eviction by the change log. A document pending or failed is read again each time.
   */
  readonly #resolved = new BoundedMap<string, DocumentRow>(RESOLVED_DOCUMENTS_KEPT);

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  async byCids(cids: readonly string[]): Promise<(DocumentRow | undefined)[]> {
    const missing = cids.filter((cid) => !this.#resolved.has(cid));
    const rows = missing.length
      ? await this.database.db.select().from(metadataDocuments).where(inArray(metadataDocuments.cid, missing))
      : [];
    for (const row of rows) if (row.status === "OK") this.#resolved.set(row.cid, row);
    const read = new Map(rows.map((row) => [row.cid, row]));
    return cids.map((cid) => this.#resolved.get(cid) ?? read.get(cid));
  }

  gatewayUrl(cid: string): string {
    return `${this.config.publicUrl}/ipfs/${cid}`;
  }
}
