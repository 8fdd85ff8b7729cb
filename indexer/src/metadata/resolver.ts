import { and, asc, eq, inArray, lt, lte } from "drizzle-orm";
import type { Logger } from "pino";
import type { BaseError } from "../../../sdk/errors.ts";
import type { IpfsClient } from "../../../sdk/ipfs/client.ts";
import { IpfsNotFoundError } from "../../../sdk/ipfs/errors.ts";
import { parseDocument } from "../../../sdk/metadata/parse.ts";
import { sleep } from "../sleep.ts";
import type { Db } from "../store/db.ts";
import type { Tx } from "../store/db.ts";
import { productChanges, recordChanges, type IndexChange } from "../store/index-changes.ts";
import { listings, merchants, metadataDocuments, orders } from "../store/schema.ts";
import { refreshStorefrontProducts } from "../store/storefront-products.ts";
import { DOCUMENT_KINDS } from "./documents.ts";

export interface ResolverOptions {
  /** Attempts before a PENDING or MISSING document is given up on. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt. */
  retryBaseMs: number;
  batchSize: number;
  maxBytes: number;
}

type Outcome = Partial<typeof metadataDocuments.$inferInsert>;

/**
 * Fetches, verifies and schema-checks the documents events point to, apart from the event stream:
 * OK (valid), INVALID (bad JSON or schema, or bytes not matching the CID: final), MISSING (not found,
 * retried with back-off), PENDING (not tried yet, or a transient IPFS fault being retried).
 */
export class MetadataResolver {
  readonly #db: Db;
  readonly #ipfs: IpfsClient;
  readonly #options: ResolverOptions;
  readonly #logger: Logger;

  constructor(deps: { db: Db; ipfs: IpfsClient; options: ResolverOptions; logger: Logger }) {
    this.#db = deps.db;
    this.#ipfs = deps.ipfs;
    this.#options = deps.options;
    this.#logger = deps.logger;
  }

  /** Tries every document that is due once; returns how many were tried. */
  async drain(now = Date.now()): Promise<number> {
    let tried = 0;
    for (;;) {
      const due = await this.#db
        .select({
          cid: metadataDocuments.cid,
          kind: metadataDocuments.kind,
          status: metadataDocuments.status,
          attempts: metadataDocuments.attempts,
        })
        .from(metadataDocuments)
        .where(
          and(
            inArray(metadataDocuments.status, ["PENDING", "MISSING"]),
            lte(metadataDocuments.nextAttemptAt, now),
            lt(metadataDocuments.attempts, this.#options.maxAttempts),
          ),
        )
        .orderBy(asc(metadataDocuments.nextAttemptAt))
        .limit(this.#options.batchSize);
      if (due.length === 0) return tried;
      for (const document of due) {
        const outcome = await this.#resolve(document.cid, document.kind, document.attempts + 1, now);
        await this.#db.transaction(async (tx) => {
          await tx
            .update(metadataDocuments)
            .set({ ...outcome, attempts: document.attempts + 1 })
            .where(eq(metadataDocuments.cid, document.cid));
          const products =
            document.kind === "listing" ? await refreshStorefrontProducts(tx, { metadataCids: [document.cid] }) : [];
          // A retry that finds the document still missing changes nothing a reader sees: no eviction, no reload.
          if (outcome.status !== document.status) {
            const changes = await documentChanges(tx, document, outcome.status);
            await recordChanges(tx, [...changes, ...productChanges(products)]);
          }
        });
      }
      tried += due.length;
    }
  }

  /** Drains every `intervalMs` until `signal` aborts. */
  async run(intervalMs: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.drain();
      } catch (error) {
        this.#logger.warn({ err: error }, "metadata pass failed; retrying");
      }
      await sleep(intervalMs, signal);
    }
  }

  async #resolve(cid: string, kind: string, attempt: number, now: number): Promise<Outcome> {
    const documentKind = DOCUMENT_KINDS[kind];
    try {
      const bytes = await this.#ipfs.cat(cid, { maxBytes: this.#options.maxBytes });
      const document = parseDocument(documentKind.schema, bytes, kind);
      return { status: "OK", document, searchText: documentKind.searchText(document), error: null };
    } catch (error) {
      const typed = error as BaseError;
      const retry = { nextAttemptAt: now + this.#options.retryBaseMs * 2 ** (attempt - 1), error: typed.message };
      const status = error instanceof IpfsNotFoundError ? "MISSING" : typed.retryable ? "PENDING" : undefined;
      if (status) {
        if (attempt >= this.#options.maxAttempts)
          this.#logger.warn({ cid, kind, attempts: attempt, err: error }, "metadata given up");
        return { status, ...retry };
      }
      this.#logger.info({ cid, kind, err: error }, "metadata invalid");
      return { status: "INVALID", error: typed.message };
    }
  }
}

/**
 * What a document's new status changes for readers, as narrowly as the API shows it: the products whose listing
 * document it is, the merchants whose profile it is, the orders whose tracking it is (only once resolved: until then
 * their tracking is null whatever the attempt found), every review or every provenance event (their texts), and for
 * a kind not known here anything. Never a whole-catalog change for a review or an evidence file: each replica would
 * drop its response cache and reload its search index.
 */
async function documentChanges(
  tx: Tx,
  document: { cid: string; kind: string },
  status: string | undefined,
): Promise<IndexChange[]> {
  switch (document.kind) {
    case "listing": {
      const products = await tx
        .select({ listingId: listings.listingId })
        .from(listings)
        .where(eq(listings.metadataCid, document.cid));
      return products.map((product) => ({ kind: "listing", key: product.listingId }));
    }
    case "merchant-profile": {
      const profiled = await tx
        .select({ address: merchants.address })
        .from(merchants)
        .where(eq(merchants.profileCid, document.cid));
      return profiled.map((merchant) => ({ kind: "merchant", key: merchant.address }));
    }
    case "tracking": {
      if (status !== "OK") return [];
      const shipped = await tx.select({ id: orders.id }).from(orders).where(eq(orders.trackingCid, document.cid));
      return shipped.map((order) => ({ kind: "order", key: order.id }));
    }
    case "review":
      return [{ kind: "table", key: "reviews" }];
    case "provenance-evidence":
      return [{ kind: "table", key: "provenance_events" }];
    default:
      return [{ kind: "all", key: `${document.kind} ${document.cid}` }];
  }
}
