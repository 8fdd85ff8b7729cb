import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { OrderTermsJson } from "../../../sdk/order-terms.ts";

const uint = (name: string) => numeric(name, { precision: 78, scale: 0 });
const block = (name: string) => bigint(name, { mode: "number" });
/** A block's timestamp, unix seconds. */
const time = (name: string) => bigint(name, { mode: "number" });

// ─── Merchants ───────────────────────────────────────────────────────────────────────────────
export const merchants = pgTable(
  "merchants",
  {
    address: text("address").primaryKey(),
    status: text("status").notNull(),
    payout: text("payout").notNull(),
    signer: text("signer"),
    counter: uint("counter").notNull(),
    profileCid: text("profile_cid").notNull(),
    appliedBlock: block("applied_block").notNull(),
    appliedAt: time("applied_at").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  // The directory (`merchants`), in order of application, a keyset page at a time.
  (t) => [
    index("merchants_applied").on(t.appliedBlock, t.address),
    index("merchants_status_applied").on(t.status, t.appliedBlock, t.address),
  ],
);

export const merchantStatusHistory = pgTable(
  "merchant_status_history",
  {
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    merchant: text("merchant").notNull(),
    status: text("status").notNull(),
    actor: text("actor"),
    reasonCid: text("reason_cid"),
    txHash: text("tx_hash").notNull(),
    at: time("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.blockNumber, t.logIndex] }),
    index("merchant_status_history_merchant").on(t.merchant),
  ],
);

// ─── Listings ────────────────────────────────────────────────────────────────────────────────
/** Every signed version ever published, keyed by its EIP-712 id. */
export const listingVersions = pgTable(
  "listing_versions",
  {
    id: text("id").primaryKey(),
    merchant: text("merchant").notNull(),
    sku: uint("sku").notNull(),
    version: uint("version").notNull(),
    metadataCid: text("metadata_cid").notNull(),
    price: uint("price").notNull(),
    token: text("token").notNull(),
    quantity: uint("quantity").notNull(),
    remaining: uint("remaining").notNull(),
    /** Units one buyer may hold of this version; 0 for no limit. */
    maxPerBuyer: uint("max_per_buyer").notNull().default("0"),
    validFrom: block("valid_from").notNull(),
    validUntil: block("valid_until").notNull(),
    counter: uint("counter").notNull(),
    status: text("status").notNull(),
    supersedes: text("supersedes"),
    publishedBlock: block("published_block").notNull(),
    publishedAt: time("published_at").notNull(),
    txHash: text("tx_hash").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [index("listing_versions_product").on(t.merchant, t.sku)],
);

/** One row per product (merchant, SKU): its newest version and that version's live state. */
export const listings = pgTable(
  "listings",
  {
    merchant: text("merchant").notNull(),
    sku: uint("sku").notNull(),
    listingId: text("listing_id").notNull(),
    version: uint("version").notNull(),
    metadataCid: text("metadata_cid").notNull(),
    price: uint("price").notNull(),
    token: text("token").notNull(),
    remaining: uint("remaining").notNull(),
    status: text("status").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchant, t.sku] }),
    index("listings_listing_id").on(t.listingId),
    index("listings_metadata_cid").on(t.metadataCid),
    // The API's subscriptions find the products a committed batch changed by block_number.
    index("api_listings_block").on(t.blockNumber),
  ],
);

export const allowedTokens = pgTable("allowed_tokens", {
  token: text("token").primaryKey(),
  allowed: boolean("allowed").notNull(),
  blockNumber: block("block_number").notNull(),
});

/**
 * The storefront's read model: one row per product holding what search, facets, sorting and the product card
 * need, kept by the indexer in the same transaction as the events and documents it derives from
 * (indexer/src/store/storefront-products.ts). The API loads the live rows into its in-memory search index
 * (api/src/listings/catalog/), reads changed ones again by listing id, and serves products from them.
 */
export const storefrontProducts = pgTable(
  "storefront_products",
  {
    merchant: text("merchant").notNull(),
    sku: uint("sku").notNull(),
    listingId: text("listing_id").notNull(),
    status: text("status").notNull(),
    price: uint("price").notNull(),
    token: text("token").notNull(),
    remaining: uint("remaining").notNull(),
    publishedBlock: block("published_block").notNull(),
    // The current version's terms, so that a product's row is one lookup here and one for its document.
    version: uint("version").notNull(),
    metadataCid: text("metadata_cid").notNull(),
    quantity: uint("quantity").notNull(),
    maxPerBuyer: uint("max_per_buyer").notNull(),
    validFrom: block("valid_from").notNull(),
    validUntil: block("valid_until").notNull(),
    counter: uint("counter").notNull(),
    publishedAt: time("published_at").notNull(),
    title: text("title"),
    categoryPath: text("category_path").array().notNull(),
    // What a product card shows besides the title, so that a search page reads no document: the document's
    // status, and its images while it is OK (else none).
    metadataStatus: text("metadata_status").notNull(),
    images: jsonb("images").notNull(),
    searchText: text("search_text"),
    reviewCount: integer("review_count").notNull(),
    ratingSum: integer("rating_sum").notNull(),
    /** Average rating over every version's reviews; null without reviews. */
    rating: doublePrecision("rating"),
  },
  (t) => [primaryKey({ columns: [t.merchant, t.sku] }), index("storefront_products_listing_id").on(t.listingId)],
);

// ─── Orders ──────────────────────────────────────────────────────────────────────────────────

/** An order's OrderTerms as stored in `orders.terms`: uint values as decimal strings. */
export type StoredOrderTerms = OrderTermsJson;
export const orders = pgTable(
  "orders",
  {
    id: uint("id").primaryKey(),
    buyer: text("buyer").notNull(),
    merchant: text("merchant").notNull(),
    token: text("token").notNull(),
    total: uint("total").notNull(),
    /** Sum of partial refunds already credited to the buyer; the order holds total - refunded. */
    refunded: uint("refunded").notNull(),
    feeBps: integer("fee_bps").notNull(),
    /** The OrderTerms exactly as placed (uint values as decimal strings): what every later call passes back. */
    terms: jsonb("terms").$type<StoredOrderTerms>().notNull(),
    status: text("status").notNull(),
    shippingCid: text("shipping_cid").notNull(),
    /** The shipping charge the buyer agreed to, part of `total` (placed after the upgrade; 0 before). */
    shipping: uint("shipping").notNull().default("0"),
    trackingCid: text("tracking_cid"),
    shipBy: block("ship_by").notNull(),
    confirmBy: block("confirm_by"),
    voucherId: text("voucher_id"),
    discount: uint("discount"),
    placedBlock: block("placed_block").notNull(),
    placedAt: time("placed_at").notNull(),
    txHash: text("tx_hash").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [
    // A party's orders, newest first, a keyset page at a time (the API's `orders`): each list's filter, then its order.
    index("orders_buyer_placed").on(t.buyer, t.placedBlock, t.id),
    index("orders_merchant_placed").on(t.merchant, t.placedBlock, t.id),
    index("orders_merchant_status_placed").on(t.merchant, t.status, t.placedBlock, t.id),
    index("orders_placed").on(t.placedBlock, t.id),
    index("orders_status_placed").on(t.status, t.placedBlock, t.id),
    // A resolved tracking document finds the orders that point to it.
    index("orders_tracking").on(t.trackingCid),
    // The API's subscriptions find the orders a committed batch changed by block_number.
    index("api_orders_block").on(t.blockNumber),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    orderId: uint("order_id").notNull(),
    line: integer("line").notNull(),
    listingId: text("listing_id").notNull(),
    quantity: uint("quantity").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.line] }), index("order_lines_listing").on(t.listingId)],
);

/** Every transition of every order, in chain order. */
export const orderTimeline = pgTable(
  "order_timeline",
  {
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    orderId: uint("order_id").notNull(),
    event: text("event").notNull(),
    status: text("status").notNull(),
    data: jsonb("data").notNull(),
    txHash: text("tx_hash").notNull(),
    at: time("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.blockNumber, t.logIndex] }), index("order_timeline_order").on(t.orderId)],
);

export const disputes = pgTable("disputes", {
  orderId: uint("order_id").primaryKey(),
  evidenceCid: text("evidence_cid").notNull(),
  ruleBy: block("rule_by").notNull(),
  openedBlock: block("opened_block").notNull(),
  openedAt: time("opened_at").notNull(),
  arbiter: text("arbiter"),
  buyerAmount: uint("buyer_amount"),
  rulingCid: text("ruling_cid"),
  resolvedBlock: block("resolved_block"),
  resolvedAt: time("resolved_at"),
  blockNumber: block("block_number").notNull(),
});

export const settlements = pgTable("settlements", {
  orderId: uint("order_id").primaryKey(),
  payout: text("payout").notNull(),
  merchantAmount: uint("merchant_amount").notNull(),
  buyerAmount: uint("buyer_amount").notNull(),
  feeAmount: uint("fee_amount").notNull(),
  txHash: text("tx_hash").notNull(),
  settledAt: time("settled_at").notNull(),
  blockNumber: block("block_number").notNull(),
});

/**
 * Unwithdrawn credits in the escrow per account and token (zero address: native currency), and what the account
 * has withdrawn so far.
 */
export const balances = pgTable(
  "balances",
  {
    account: text("account").notNull(),
    token: text("token").notNull(),
    amount: uint("amount").notNull(),
    withdrawn: uint("withdrawn").notNull().default("0"),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.token] })],
);

export const voucherRedemptions = pgTable(
  "voucher_redemptions",
  {
    orderId: uint("order_id").primaryKey(),
    voucherId: text("voucher_id").notNull(),
    merchant: text("merchant").notNull(),
    discount: uint("discount").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [index("voucher_redemptions_voucher").on(t.voucherId)],
);

/** Vouchers their merchants revoked, by the voucher's EIP-712 digest (what the escrow counts uses by). */
export const voucherRevocations = pgTable(
  "voucher_revocations",
  {
    digest: text("digest").primaryKey(),
    voucherId: text("voucher_id").notNull(),
    merchant: text("merchant").notNull(),
    txHash: text("tx_hash").notNull(),
    revokedAt: time("revoked_at").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [index("voucher_revocations_merchant").on(t.merchant)],
);

/** The escrow's single settings row (id 1): fee, treasury, placement pause. */
export const escrowSettings = pgTable("escrow_settings", {
  id: smallint("id").primaryKey(),
  feeBps: integer("fee_bps").notNull(),
  treasury: text("treasury").notNull(),
  paused: boolean("paused").notNull(),
  blockNumber: block("block_number").notNull(),
});

// ─── Reviews ─────────────────────────────────────────────────────────────────────────────────
export const reviews = pgTable(
  "reviews",
  {
    orderId: uint("order_id").primaryKey(),
    buyer: text("buyer").notNull(),
    merchant: text("merchant").notNull(),
    rating: smallint("rating").notNull(),
    reviewCid: text("review_cid").notNull(),
    txHash: text("tx_hash").notNull(),
    postedAt: time("posted_at").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [index("reviews_merchant").on(t.merchant)],
);

/** Rating count and sum per listing id or merchant address (average = rating_sum / review_count). */
export const ratingAggregates = pgTable(
  "rating_aggregates",
  {
    subjectType: text("subject_type").notNull(),
    subject: text("subject").notNull(),
    reviewCount: integer("review_count").notNull(),
    ratingSum: integer("rating_sum").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subject] })],
);

// ─── Provenance ──────────────────────────────────────────────────────────────────────────────
/** `custodian` is the direct holder; while `container_id` is set, the outermost container's holder holds it. */
export const provenanceItems = pgTable(
  "provenance_items",
  {
    id: text("id").primaryKey(),
    listingId: text("listing_id").notNull(),
    quantity: uint("quantity").notNull(),
    epc: text("epc").notNull(),
    registeredBy: text("registered_by").notNull(),
    custodian: text("custodian").notNull(),
    pendingCustodian: text("pending_custodian"),
    containerId: text("container_id"),
    status: text("status").notNull(),
    registeredBlock: block("registered_block").notNull(),
    registeredAt: time("registered_at").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [
    index("provenance_items_custodian").on(t.custodian),
    index("provenance_items_container").on(t.containerId),
    // Auditors' item lists (api items query): keyset order (registered block, id), per filter; EPC prefix matches.
    index("provenance_items_registered").on(t.registeredBlock, t.id),
    index("provenance_items_registrant").on(t.registeredBy, t.registeredBlock, t.id),
    index("provenance_items_listing").on(t.listingId, t.registeredBlock, t.id),
    index("provenance_items_status").on(t.status, t.registeredBlock, t.id),
    index("provenance_items_epc").on(t.epc.op("text_pattern_ops")),
  ],
);

/** Recorded, corrected and transformation events; `corrects` links a correction to its original. */
export const provenanceEvents = pgTable(
  "provenance_events",
  {
    id: uint("id").primaryKey(),
    kind: text("kind").notNull(),
    recorder: text("recorder").notNull(),
    corrects: uint("corrects"),
    itemIds: jsonb("item_ids").notNull(),
    outputIds: jsonb("output_ids"),
    eventTime: block("event_time"),
    bizStep: text("biz_step"),
    disposition: text("disposition"),
    location: text("location"),
    evidenceCid: text("evidence_cid").notNull(),
    txHash: text("tx_hash").notNull(),
    recordedAt: time("recorded_at").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [
    index("provenance_events_corrects").on(t.corrects),
    // Auditors' event queries (api provenanceEvents, GET /epcis/events): keyset order (block, id), per filter.
    index("provenance_events_chain").on(t.blockNumber, t.id),
    index("provenance_events_biz_step").on(t.bizStep, t.blockNumber, t.id),
    index("provenance_events_disposition").on(t.disposition, t.blockNumber, t.id),
    index("provenance_events_location").on(t.location, t.blockNumber, t.id),
    index("provenance_events_recorder").on(t.recorder, t.blockNumber, t.id),
    /** The EPCIS eventTime: the time the recorder stated, else the block's. */
    index("provenance_events_time").on(sql`coalesce(${t.eventTime}, ${t.recordedAt})`),
  ],
);

/** Item ids of each event, for "every event about item X". */
export const provenanceEventItems = pgTable(
  "provenance_event_items",
  {
    eventId: uint("event_id").notNull(),
    itemId: text("item_id").notNull(),
    role: text("role").notNull(),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.itemId, t.role] }), index("provenance_event_items_item").on(t.itemId)],
);

export const custodyTransfers = pgTable(
  "custody_transfers",
  {
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    itemId: text("item_id").notNull(),
    fromAccount: text("from_account").notNull(),
    toAccount: text("to_account").notNull(),
    stage: text("stage").notNull(),
    txHash: text("tx_hash").notNull(),
    at: time("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.blockNumber, t.logIndex] }), index("custody_transfers_item").on(t.itemId)],
);

/** Packing and unpacking of children into containers; the current container is on the item. */
export const aggregationLinks = pgTable(
  "aggregation_links",
  {
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    childId: text("child_id").notNull(),
    containerId: text("container_id").notNull(),
    action: text("action").notNull(),
    orderId: uint("order_id"),
    custodian: text("custodian").notNull(),
    txHash: text("tx_hash").notNull(),
    at: time("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.blockNumber, t.logIndex, t.childId] }),
    index("aggregation_links_container").on(t.containerId),
    index("aggregation_links_child").on(t.childId),
  ],
);

export const attestations = pgTable(
  "attestations",
  {
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    itemId: text("item_id").notNull(),
    auditor: text("auditor").notNull(),
    statementCid: text("statement_cid").notNull(),
    txHash: text("tx_hash").notNull(),
    at: time("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.blockNumber, t.logIndex] }),
    index("attestations_item").on(t.itemId),
    index("attestations_auditor").on(t.auditor, t.blockNumber, t.logIndex),
  ],
);

// ─── Access control ──────────────────────────────────────────────────────────────────────────
export const roleMembers = pgTable(
  "role_members",
  {
    roleId: uint("role_id").notNull(),
    account: text("account").notNull(),
    active: boolean("active").notNull(),
    /** Unix time from which the grant is effective (AccessManager `since`). */
    since: time("since"),
    executionDelay: integer("execution_delay"),
    grantedBlock: block("granted_block"),
    grantedAt: time("granted_at"),
    revokedBlock: block("revoked_block"),
    revokedAt: time("revoked_at"),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.account] }), index("role_members_account").on(t.account)],
);

/**
 * Every RoleGranted and RoleRevoked: `kind` granted (new member), updated (a member's delay or since changed)
 * or revoked.
 */
export const roleGrantHistory = pgTable(
  "role_grant_history",
  {
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    roleId: uint("role_id").notNull(),
    account: text("account").notNull(),
    kind: text("kind").notNull(),
    /** Unix time from which the grant is effective; null on revocations. */
    since: time("since"),
    executionDelay: integer("execution_delay"),
    txHash: text("tx_hash").notNull(),
    at: time("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.blockNumber, t.logIndex] }),
    index("role_grant_history_account").on(t.account),
    index("role_grant_history_role").on(t.roleId),
  ],
);

/**
 * Calls waiting in the AccessManager's queue, and what became of them: every ADMIN act (role grants, fee and
 * treasury, allowed tokens, rewiring) passes through it once the admin has an execution delay. One row per
 * scheduling: the same call scheduled again after execution or cancellation gets the next nonce.
 */
export const scheduledOperations = pgTable(
  "scheduled_operations",
  {
    operationId: text("operation_id").notNull(),
    nonce: integer("nonce").notNull(),
    caller: text("caller").notNull(),
    target: text("target").notNull(),
    /** The ABI-encoded call; the API decodes it with the target's ABI. */
    data: text("data").notNull(),
    /** Unix time from which it may be executed. */
    executableAt: time("executable_at").notNull(),
    /** Scheduled, Executed or Canceled. */
    status: text("status").notNull(),
    scheduledBlock: block("scheduled_block").notNull(),
    scheduledAt: time("scheduled_at").notNull(),
    txHash: text("tx_hash").notNull(),
    closedBlock: block("closed_block"),
    closedAt: time("closed_at"),
    blockNumber: block("block_number").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.operationId, t.nonce] }),
    index("scheduled_operations_status").on(t.status, t.executableAt),
  ],
);

export const roleLabels = pgTable("role_labels", {
  roleId: uint("role_id").primaryKey(),
  label: text("label").notNull(),
  blockNumber: block("block_number").notNull(),
});

// ─── Metadata (content-addressed, so never rolled back: an orphaned CID is harmless) ─────────
export const metadataDocuments = pgTable(
  "metadata_documents",
  {
    cid: text("cid").primaryKey(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull().default(0),
    error: text("error"),
    document: jsonb("document"),
    searchText: text("search_text"),
  },
  (t) => [index("metadata_documents_due").on(t.status, t.nextAttemptAt)],
);

/**
 * What each committed batch, rollback and recorded document changed, in order: the API's caches on every
 * replica evict by it. `kind` is listing (a listing version id), merchant (an address), order (an id), item
 * (an item id), table (a table written that holds none of those entities) or all (a reorg: anything may have).
 */
export const indexChanges = pgTable("index_changes", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  kind: text("kind").notNull(),
  key: text("key").notNull(),
});

// ─── The API's own tables ─────────────────────────────────────────────────────────────────────
/** SIWE nonces the API issued, each consumed at most once (an atomic delete) before it expires. */
export const apiSiweNonces = pgTable(
  "api_siwe_nonces",
  {
    nonce: text("nonce").primaryKey(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("api_siwe_nonces_expiry").on(t.expiresAt)],
);

/**
 * Vouchers merchants published under a code buyers type at checkout (written by the API): the signed Voucher, so
 * prepareOrder can hand it to the buyer's wallet. Uses and revocations are the chain's (voucher_redemptions,
 * voucher_revocations).
 */
export const apiVouchers = pgTable(
  "api_vouchers",
  {
    merchant: text("merchant").notNull(),
    /** Upper case, as buyers' input is compared. */
    code: text("code").notNull(),
    digest: text("digest").notNull(),
    /** The Voucher struct, integers as decimal strings. */
    voucher: jsonb("voucher").$type<Record<string, string | number>>().notNull(),
    signature: text("signature").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.merchant, t.code] }), index("api_vouchers_code").on(t.code)],
);

/** Session tokens signed out before they expire, by token id. */
export const apiRevokedSessions = pgTable("api_revoked_sessions", {
  jti: text("jti").primaryKey(),
  expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
});

/** Endpoints merchants registered to receive their order events (api/src/webhooks). */
export const apiWebhooks = pgTable(
  "api_webhooks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    merchant: text("merchant").notNull(),
    url: text("url").notNull(),
    /** The HMAC key deliveries are signed with: kept as issued, since signing needs it; shown to the merchant once. */
    secret: text("secret").notNull(),
    /** Order events of blocks up to this one are queued as deliveries (at registration: the index's cursor). */
    queuedThrough: block("queued_through").notNull(),
    /** Unix seconds. */
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("api_webhooks_merchant").on(t.merchant)],
);

/** One order event for one endpoint, and how sending it went: PENDING until an answer in 2xx, then DELIVERED. */
export const apiWebhookDeliveries = pgTable(
  "api_webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    webhookId: bigint("webhook_id", { mode: "number" })
      .notNull()
      .references(() => apiWebhooks.id, { onDelete: "cascade" }),
    orderId: uint("order_id").notNull(),
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Unix milliseconds; also the lease of a sender that claimed it. */
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    /** Unix seconds. */
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("api_webhook_deliveries_event").on(t.webhookId, t.blockNumber, t.logIndex),
    index("api_webhook_deliveries_due").on(t.status, t.nextAttemptAt),
    // A delivery waits for the earlier ones of its order to the same endpoint.
    index("api_webhook_deliveries_order").on(t.webhookId, t.orderId),
  ],
);

// ─── Sync state ──────────────────────────────────────────────────────────────────────────────
/** One row (id 1): the last block whose data is fully committed, and its hash. */
export const syncState = pgTable("sync_state", {
  id: smallint("id").primaryKey(),
  chainId: integer("chain_id").notNull(),
  cursorBlock: block("cursor_block").notNull(),
  cursorHash: text("cursor_hash").notNull(),
});

/** Hashes of indexed blocks that are not final yet: where a reorg's common ancestor is looked for. */
export const syncBlocks = pgTable("sync_blocks", {
  number: block("number").primaryKey(),
  hash: text("hash").notNull(),
  parentHash: text("parent_hash").notNull(),
});

/** Prior image of every row written from an unfinalized block (`old` null: the row did not exist). */
export const undoLog = pgTable(
  "undo_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    blockNumber: block("block_number").notNull(),
    tableName: text("table_name").notNull(),
    key: jsonb("key").notNull(),
    old: jsonb("old"),
  },
  (t) => [index("undo_log_block").on(t.blockNumber)],
);
