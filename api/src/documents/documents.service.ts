import { Inject, Injectable } from "@nestjs/common";
import type { metadataDocuments } from "#indexer/store/schema.ts";
import { BoundedMap } from "../common/bounded-map.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database, type PreparedStatement, preparedRows } from "../database.ts";

/** What readers of a document use: its kind, the indexer's status of it and, once OK, its content. */
export type DocumentRow = Pick<typeof metadataDocuments.$inferSelect, "cid" | "kind" | "status" | "document">;

const BY_CIDS: PreparedStatement = {
  name: "documents_by_cids",
  text: "select cid, kind, status, document from metadata_documents where cid = any($1::text[])",
};

/** Resolved listing documents kept by CID: up to this many, the oldest forgotten first. */
const RESOLVED_DOCUMENTS_KEPT = 10_000;

/** The IPFS documents the indexer resolved (profiles, listing metadata, reviews, evidence) and their gateway URLs. */
@Injectable()
export class DocumentsService {
  /**
   * Listing documents the indexer resolved (status OK): what a CID names never changes, so they are kept without an
   * expiry or an eviction by the change log. A document pending or failed is read again each time. Listing documents
   * only: their schema bounds their size (a description of 10,000 characters, 50 attributes, 12 images), so this
   * holds what the product row cache held with its rows before they left their document out.
   */
  readonly #resolved = new BoundedMap<string, DocumentRow>(RESOLVED_DOCUMENTS_KEPT);

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  async byCids(cids: readonly string[]): Promise<(DocumentRow | undefined)[]> {
    // Taken before the read: rows kept by the read (or a concurrent one) may push these out meanwhile.
    const kept = cids.map((cid) => this.#resolved.get(cid));
    const missing = cids.filter((_, index) => kept[index] === undefined);
    const rows = missing.length ? await preparedRows<DocumentRow>(this.database, BY_CIDS, [missing]) : [];
    for (const row of rows) if (row.status === "OK" && row.kind === "listing") this.#resolved.set(row.cid, row);
    const read = new Map(rows.map((row) => [row.cid, row]));
    return cids.map((cid, index) => kept[index] ?? read.get(cid));
  }

  /** The document of `cid` if it is kept (resolved and read before), without reading the database. */
  resolved(cid: string): DocumentRow | undefined {
    return this.#resolved.get(cid);
  }

  gatewayUrl(cid: string): string {
    return `${this.config.publicUrl}/ipfs/${cid}`;
  }
}
