import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { pino } from "pino";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { startTogether } from "../helpers/start-together.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { MetadataResolver } from "../../indexer/src/metadata/resolver.ts";
import { ReorgTooDeepError } from "../../indexer/src/errors.ts";
import { checksum } from "../../indexer/src/store/checksum.ts";
import { storefrontDrift } from "../../indexer/src/store/storefront-products.ts";
import { openDatabase } from "../../indexer/src/store/db.ts";
import * as schema from "../../indexer/src/store/schema.ts";
import { applyBatch } from "../../indexer/src/sync/apply.ts";
import { eventDecoder } from "../../indexer/src/sync/decode.ts";
import { RpcClient } from "../../indexer/src/sync/rpc.ts";
import { ROLES } from "../../sdk/roles.ts";
import { chainActivity } from "./helpers/activity.ts";
import { orderTermsFromJson } from "../../sdk/order-terms.ts";
import { startFaultProxy } from "./helpers/fault-proxy.ts";
import { runIndexer } from "./helpers/indexer-process.ts";
import { verifyAgainstChain } from "../../indexer/src/verify/verify.ts";
import { freePort } from "../helpers/ports.ts";
import { freshIndexDigest, openIndexing, silent, type Indexing } from "./helpers/indexing.ts";
import { startLocalLedger, type LocalLedger } from "./helpers/local-ledger.ts";
import { startPostgres, type Postgres } from "./helpers/postgres.ts";
import { startTcpProxy } from "./helpers/tcp-proxy.ts";
import { assertBlockTimes } from "./helpers/block-times.ts";
import { HeadWatcher } from "../../indexer/src/sync/head-watcher.ts";
import { formatDuration, ProgressReporter } from "../../indexer/src/sync/progress.ts";
import { Writable } from "node:stream";

describe("indexer sync against a local ledger seeded with the demo", () => {
  let ledger: LocalLedger;
  let postgres: Postgres;
  let following: Indexing;

  before(async () => {
    await startTogether(
      [startLocalLedger(), startPostgres()],
      (started) => ([ledger, postgres] = started as [LocalLedger, Postgres]),
    );
  });
  after(async () => {
    await following?.database.close();
    await ledger?.stop();
    await postgres?.stop();
  });

  it("indexes every contract's events into identical rows on PGlite and PostgreSQL", async () => {
    const pglite = await openIndexing("memory://", ledger.rpcUrl, ledger.deployment);
    following = await openIndexing(await postgres.createDatabase(), ledger.rpcUrl, ledger.deployment);
    await Promise.all([pglite.sync.runOnce(), following.sync.runOnce()]);
    const [a, b] = [await checksum(pglite.database.db), await checksum(following.database.db)];
    assert.deepEqual(await storefrontDrift(pglite.database.db), []);
    await pglite.database.close();
    assert.deepEqual(a, b);
    assert.deepEqual(
      await storefrontDrift(following.database.db),
      [],
      "the storefront read model equals a recompute of its source",
    );

    const db = following.database.db;
    const { demo } = ledger;
    for (const [state, id] of Object.entries(demo.orders as Record<string, string>)) {
      const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, id));
      assert.equal(order.status, state, `order ${id}`);
    }
    const timeline = await db
      .select()
      .from(schema.orderTimeline)
      .where(eq(schema.orderTimeline.orderId, demo.orders.Completed))
      .orderBy(schema.orderTimeline.blockNumber);
    assert.deepEqual(
      timeline.map((row) => row.status),
      ["Placed", "Accepted", "Shipped", "Completed"],
    );
    assert.ok(timeline.every((row) => /^0x[0-9a-f]{64}$/.test(row.txHash) && row.blockNumber > 0));
    const [dispute] = await db.select().from(schema.disputes).where(eq(schema.disputes.orderId, demo.orders.Resolved));
    assert.equal(dispute.arbiter, demo.arbiter.toLowerCase());

    const merchants = await db.select().from(schema.merchants).orderBy(schema.merchants.address);
    assert.deepEqual(merchants.map((m) => m.status).sort(), ["Applied", "Approved", "Approved"]);
    const alpine = demo.merchants[0].account.toLowerCase();
    const [rating] = await db.select().from(schema.ratingAggregates).where(eq(schema.ratingAggregates.subject, alpine));
    assert.deepEqual([rating.reviewCount, rating.ratingSum], [1, 5]);
    assert.equal((await db.select().from(schema.reviews)).length, 2);

    // Stock remaining = published quantity - units in orders that still hold them.
    const coffeeOrders = await db.select().from(schema.orderLines);
    const versions = await db.select().from(schema.listingVersions);
    for (const version of versions) {
      const held = coffeeOrders.filter((line) => line.listingId === version.id);
      assert.ok(BigInt(version.remaining) <= BigInt(version.quantity), `stock of ${version.id}`);
      if (held.length === 0) assert.equal(version.remaining, version.quantity);
    }

    const [item] = await db
      .select()
      .from(schema.provenanceItems)
      .where(eq(schema.provenanceItems.id, demo.provenance.itemId.toLowerCase()));
    const transfers = await db
      .select()
      .from(schema.custodyTransfers)
      .orderBy(schema.custodyTransfers.blockNumber, schema.custodyTransfers.logIndex);
    assert.equal(transfers.at(-1)!.toAccount, demo.buyers[0].toLowerCase());
    assert.deepEqual([item.custodian, item.containerId, item.status], [demo.buyers[0].toLowerCase(), null, "Active"]);
    const corrections = await db
      .select()
      .from(schema.provenanceEvents)
      .where(eq(schema.provenanceEvents.kind, "correction"));
    assert.equal(corrections.length, 1);
    assert.ok(corrections[0].corrects !== null);

    const members = await db
      .select()
      .from(schema.roleMembers)
      .where(eq(schema.roleMembers.roleId, String(ROLES.REGISTRAR)));
    assert.deepEqual(
      members.map((m) => [m.account, m.active]),
      [[demo.registrar.toLowerCase(), true]],
    );
    const history = await db
      .select()
      .from(schema.roleGrantHistory)
      .where(eq(schema.roleGrantHistory.roleId, String(ROLES.REGISTRAR)));
    assert.deepEqual(
      history.map((h) => [h.account, h.kind, h.since! > 0, h.executionDelay, /^0x[0-9a-f]{64}$/.test(h.txHash)]),
      [[demo.registrar.toLowerCase(), "granted", true, 0, true]],
    );

    const dated = await assertBlockTimes(db, new RpcClient(ledger.rpcUrl, { timeoutMs: 10_000, retries: 0 }));
    for (const table of [
      "orders",
      "order_timeline",
      "merchant_status_history",
      "listing_versions",
      "reviews",
      "provenance_events",
      "custody_transfers",
      "role_grant_history",
    ])
      assert.ok(dated[table] > 0, `${table} has dated rows`);
    const [settings] = await db.select().from(schema.escrowSettings);
    assert.equal(settings.feeBps, 100);
  });

  it("resolves the documents events point to: OK and searchable, MISSING, INVALID; chain data untouched", async () => {
    const db = following.database.db;
    const ipfs = new IpfsClient({
      url: ledger.ipfsApiUrl,
      auth: ledger.ipfsApiAuth,
      timeoutMs: 5_000,
      maxBytes: 1024 * 1024,
    });
    const notAListing = (
      await ipfs.add(new TextEncoder().encode(JSON.stringify({ schema: "commerce-ledger/listing@1", title: "" })))
    ).toString();
    const unknown = CID.create(1, 0x55, await sha256.digest(randomBytes(32))).toString();
    await db.insert(schema.metadataDocuments).values([
      { cid: notAListing, kind: "listing", status: "PENDING" },
      { cid: unknown, kind: "review", status: "PENDING" },
    ]);
    const before = await checksum(db);
    const resolver = new MetadataResolver({
      db,
      ipfs,
      options: { maxAttempts: 3, retryBaseMs: 60_000, batchSize: 10, maxBytes: 1024 * 1024 },
      logger: silent,
    });
    const changesSince = async (id: number) =>
      db.select().from(schema.indexChanges).where(sql`${schema.indexChanges.id} > ${id}`);
    const lastChange = async () => Math.max(0, ...(await changesSince(0)).map((change) => change.id));
    const startChange = await lastChange();
    const tried = await resolver.drain();
    assert.equal(await resolver.drain(), 0, "nothing is due again before its back-off");
    const documents = await db.select().from(schema.metadataDocuments);
    assert.equal(tried, documents.length);
    const statusOf = (cid: string) => documents.find((d) => d.cid === cid)!.status;
    assert.equal(statusOf(notAListing), "INVALID");
    assert.match(documents.find((d) => d.cid === notAListing)!.error!, /title/);
    assert.equal(statusOf(unknown), "MISSING");
    const listings = await db.select().from(schema.listings);
    assert.ok(listings.every((listing) => statusOf(listing.metadataCid) === "OK"));
    assert.ok(
      documents.filter((d) => d.kind === "review").length === 3 &&
        documents.filter((d) => d.kind === "review" && d.status === "OK").length === 2,
    );
    const found = await db
      .select({ title: sql<string>`${schema.metadataDocuments.document}->>'title'` })
      .from(schema.listings)
      .innerJoin(schema.metadataDocuments, eq(schema.metadataDocuments.cid, schema.listings.metadataCid))
      .where(sql`lower(${schema.metadataDocuments.searchText}) like '%coffee%'`);
    assert.ok(found.length >= 1, "the coffee listings' documents give their search text");
    assert.deepEqual(await checksum(db), before);
    assert.deepEqual(await storefrontDrift(db), [], "resolved documents reach the storefront read model");
    const titled = await db
      .select()
      .from(schema.storefrontProducts)
      .where(sql`${schema.storefrontProducts.title} is not null`);
    assert.equal(titled.length, listings.length, "every product with a valid document has its title in the read model");
    const recorded = await changesSince(startChange);
    assert.deepEqual(
      new Set(recorded.filter((change) => change.kind === "listing").map((change) => change.key)),
      new Set(listings.map((listing) => listing.listingId)),
      "each product's resolved document is a change of that listing, for the API's caches",
    );
    assert.deepEqual(
      new Set(recorded.filter((change) => change.kind === "product").map((change) => change.key)),
      new Set(listings.map((listing) => `${listing.merchant}:${listing.sku}`)),
      "and of its product, for the API's product row cache",
    );
    const merchantRows = await db.select().from(schema.merchants);
    assert.deepEqual(
      new Set(recorded.filter((change) => change.kind === "merchant").map((change) => change.key)),
      new Set(merchantRows.map((merchant) => merchant.address)),
      "a resolved profile is a change of its merchant",
    );
    assert.deepEqual(
      new Set(recorded.filter((change) => change.kind === "table").map((change) => change.key)),
      new Set(["reviews", "provenance_events"]),
      "a review or an evidence file changes what shows reviews or provenance events",
    );
    assert.equal(
      recorded.filter((change) => change.kind === "all").length,
      0,
      "no document makes every replica drop its caches and reload its catalog",
    );
    const beforeRetry = await lastChange();
    await resolver.drain(Date.now() + 10 * 60_000);
    assert.equal(
      (await db.select().from(schema.metadataDocuments).where(eq(schema.metadataDocuments.cid, unknown)))[0].attempts,
      2,
    );
    assert.equal((await changesSince(beforeRetry)).length, 0, "still missing: nothing a reader sees changed");
  });

  it("changes nothing when the same logs are delivered twice, in one batch or again later", async () => {
    const rpc = new RpcClient(ledger.rpcUrl, { timeoutMs: 10_000, retries: 0 });
    const decoder = eventDecoder(ledger.deployment);
    const head = (await rpc.block(await rpc.blockNumber()))!;
    const events = decoder.decode(
      await rpc.logs(decoder.addresses, Number(ledger.deployment.deployBlock), head.number),
    );
    const database = await openDatabase(await postgres.createDatabase());
    try {
      const batch = { chainId: 31337, head, headers: [], finalizedThrough: head.number };
      await applyBatch(database.db, {
        ...batch,
        events: [...events, ...events].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex),
      });
      const once = await checksum(database.db);
      assert.equal(await applyBatch(database.db, { ...batch, events }), 0);
      assert.deepEqual(await checksum(database.db), once);
      assert.deepEqual(once, await checksum(following.database.db));
    } finally {
      await database.close();
    }
  });

  it("follows a reorg: once a fork is replaced, the database equals a fresh index of the canonical chain", async () => {
    const chain = chainActivity(ledger.rpcUrl, ledger.deployment);
    const db = following.database.db;
    const { demo } = ledger;
    const [nordic, alpine] = [demo.merchants[1].account, demo.merchants[0].account];
    const [coffee] = await db.select().from(schema.listings).where(eq(schema.listings.merchant, alpine.toLowerCase()));
    const [placed] = await db.select().from(schema.orders).where(eq(schema.orders.id, demo.orders.Placed));

    const fork = await chain.snapshot();
    await chain.send("ListingRegistry", "setStock", [coffee.listingId, 1n], alpine);
    await chain.send(
      "MerchantRegistry",
      "suspend",
      [nordic, "bafkreiforkaforkaforkaforkaforkaforkaforkaforkaforkaforka"],
      demo.registrar,
    );
    await chain.asAdmin("AccessManager", "labelRole", [42n, "fork-a"], demo.admin);
    await chain.asAdmin("AccessManager", "grantRole", [42n, nordic, 0], demo.admin);
    await following.sync.runOnce();
    assert.equal(
      (await db.select().from(schema.listings).where(eq(schema.listings.listingId, coffee.listingId)))[0].remaining,
      "1",
    );
    const storefrontStock = async () =>
      (
        await db
          .select()
          .from(schema.storefrontProducts)
          .where(eq(schema.storefrontProducts.listingId, coffee.listingId))
      )[0].remaining;
    assert.equal(await storefrontStock(), "1", "the read model changes in the batch's transaction");
    const [suspension] = await db
      .select()
      .from(schema.merchantStatusHistory)
      .where(
        and(
          eq(schema.merchantStatusHistory.merchant, nordic.toLowerCase()),
          eq(schema.merchantStatusHistory.status, "Suspended"),
        ),
      );
    assert.equal(
      (await db.select().from(schema.roleGrantHistory).where(eq(schema.roleGrantHistory.roleId, "42"))).length,
      1,
    );

    await chain.revert(fork);
    // The replacing branch's blocks are a day later than the forked ones at the same heights.
    await chain.increaseTime(86_400);
    // Scheduled one block before, executed one block after the acceptance, which lands at the suspension's height.
    const relabel = chain.adminCall("AccessManager", "labelRole", [42n, "fork-b"]);
    await chain.send("AccessManager", "schedule", [...relabel, 0], demo.admin);
    await chain.send(
      "OrderEscrow",
      "acceptOrder",
      [BigInt(placed.id), orderTermsFromJson(placed.terms as never)],
      alpine,
    );
    await chain.send("AccessManager", "execute", relabel, demo.admin);
    await chain.send("ListingRegistry", "setStock", [coffee.listingId, 7n], alpine);
    await chain.mine(2);
    await following.sync.runOnce();

    assert.equal(following.metrics.reorgs, 1);
    assert.deepEqual(await storefrontDrift(db), [], "the read model is exact after the reorg");
    assert.equal(await storefrontStock(), "7");
    assert.deepEqual(await checksum(db), {
      ...(await checksum(db)),
      digest: await freshIndexDigest(await postgres.createDatabase(), ledger.rpcUrl, ledger.deployment),
    });
    assert.equal(
      (await db.select().from(schema.roleLabels).where(eq(schema.roleLabels.roleId, "42")))[0].label,
      "fork-b",
    );
    assert.equal(
      (await db.select().from(schema.merchants).where(eq(schema.merchants.address, nordic.toLowerCase())))[0].status,
      "Approved",
    );
    assert.equal((await db.select().from(schema.orders).where(eq(schema.orders.id, placed.id)))[0].status, "Accepted");
    assert.deepEqual(
      await db.select().from(schema.roleGrantHistory).where(eq(schema.roleGrantHistory.roleId, "42")),
      [],
    );
    const [accepted] = await db
      .select()
      .from(schema.orderTimeline)
      .where(and(eq(schema.orderTimeline.orderId, placed.id), eq(schema.orderTimeline.status, "Accepted")));
    assert.equal(accepted.blockNumber, suspension.blockNumber, "the same height on both branches");
    assert.ok(accepted.at >= suspension.at + 86_400, "the new branch's row carries its own block's time");
    await assertBlockTimes(db, new RpcClient(ledger.rpcUrl, { timeoutMs: 10_000, retries: 0 }));
  });

  it("stops loudly on a reorg deeper than the finality depth", async () => {
    const chain = chainActivity(ledger.rpcUrl, ledger.deployment);
    const final = await openIndexing(await postgres.createDatabase(), ledger.rpcUrl, ledger.deployment, {
      finalityDepth: 0,
    });
    try {
      await final.sync.runOnce();
      const fork = await chain.snapshot();
      await chain.asAdmin("AccessManager", "labelRole", [43n, "final"], ledger.demo.admin);
      await final.sync.runOnce();
      await chain.revert(fork);
      await chain.mine(3);
      await assert.rejects(final.sync.runOnce(), ReorgTooDeepError);
    } finally {
      await final.database.close();
    }
  });

  it("completes through an RPC that drops, delays, fails, limits log ranges and gives no log timestamps", async () => {
    const proxy = await startFaultProxy(ledger.rpcUrl, {
      drop: 0.1,
      delay: 0.1,
      delayMs: 300,
      serverError: 0.1,
      maxLogRange: 16,
      stripLogTimestamps: true,
    });
    const faulty = await openIndexing(await postgres.createDatabase(), proxy.url, ledger.deployment, {
      rpcTimeoutMs: 1_000,
      rpcRetries: 20,
      initialSpan: 64,
    });
    try {
      await faulty.sync.runOnce();
      const reference = await freshIndexDigest(await postgres.createDatabase(), ledger.rpcUrl, ledger.deployment);
      assert.equal((await checksum(faulty.database.db)).digest, reference);
      assert.ok(
        proxy.counts.dropped > 0 &&
          proxy.counts.delayed > 0 &&
          proxy.counts.serverErrors > 0 &&
          proxy.counts.rangeErrors > 0,
        JSON.stringify(proxy.counts),
      );
      assert.ok(
        proxy.counts.strippedLogs > 0 && proxy.counts.batches > 0,
        "block times came from batched header requests",
      );
      assert.ok(faulty.metrics.rpcErrors > 0);
    } finally {
      await faulty.database.close();
      await proxy.close();
    }
  });

  it("asks for headers one at a time when the node refuses JSON-RPC batches", async () => {
    const proxy = await startFaultProxy(ledger.rpcUrl, {
      drop: 0,
      delay: 0,
      delayMs: 0,
      serverError: 0,
      maxLogRange: Number.MAX_SAFE_INTEGER,
      stripLogTimestamps: true,
      refuseBatches: true,
    });
    const unbatched = await openIndexing(await postgres.createDatabase(), proxy.url, ledger.deployment);
    try {
      await unbatched.sync.runOnce();
      assert.equal(
        (await checksum(unbatched.database.db)).digest,
        await freshIndexDigest(await postgres.createDatabase(), ledger.rpcUrl, ledger.deployment),
      );
      assert.equal(proxy.counts.batches, 1, "one refused batch, then single calls");
    } finally {
      await unbatched.database.close();
      await proxy.close();
    }
  });

  it("resumes after SIGKILL at random points mid-backfill with the same data as an uninterrupted run", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "indexer-crash-"));
    const env = {
      RPC_URL: ledger.rpcUrl,
      DEPLOYMENTS_DIR: ledger.deploymentsDir,
      INDEXER_DATA_DIR: dataDir,
      LOG_RANGE_INITIAL: "2",
      LOG_RANGE_MAX: "2",
      INDEXER_METADATA: "false",
    };
    try {
      const killedAt: number[] = [];
      for (const window of [
        [1, 8],
        [1, 8],
        [1, 8],
      ]) {
        const run = runIndexer(["--once"], env);
        const batches = window[0] + Math.floor(Math.random() * (window[1] - window[0]));
        await Promise.race([run.batches(batches), run.exited]);
        run.kill();
        assert.equal(await run.exited, null, `indexer finished before batch ${batches}:\n${run.output().slice(-2000)}`);
        killedAt.push(batches);
      }
      const last = runIndexer(["--once"], env);
      assert.equal(await last.exited, 0, last.output().slice(-2000));
      const database = await openDatabase(dataDir);
      const resumed = await checksum(database.db);
      assert.deepEqual(await storefrontDrift(database.db), [], "the read model is exact after the crashes");
      await database.close();
      assert.equal(
        resumed.digest,
        await freshIndexDigest(await postgres.createDatabase(), ledger.rpcUrl, ledger.deployment),
        `killed after batches ${killedAt}`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("fails at start with a clear message on an unreachable RPC or a wrong chain id", async () => {
    const env = { DEPLOYMENTS_DIR: ledger.deploymentsDir, INDEXER_DATA_DIR: "memory://", RPC_RETRIES: "0" };
    const unreachable = runIndexer(["--once"], { ...env, RPC_URL: `http://127.0.0.1:${await freePort()}` });
    assert.equal(await unreachable.exited, 1);
    assert.match(unreachable.output(), /cannot reach RPC_URL http:\/\/127\.0\.0\.1:\d+/);
    const wrongChain = runIndexer(["--once"], { ...env, RPC_URL: ledger.rpcUrl, CHAIN_ID: "1" });
    assert.equal(await wrongChain.exited, 1);
    assert.match(wrongChain.output(), /RPC serves chain 31337 but CHAIN_ID says 1/);
    const badConfig = runIndexer(["--once"], { ...env, RPC_URL: "not a url", FINALITY_DEPTH: "-1" });
    assert.equal(await badConfig.exited, 1);
    assert.match(badConfig.output(), /RPC_URL: .*FINALITY_DEPTH: /);
  });

  it("verifies indexed rows against the contracts' state and reports exactly the rows tampered with", async () => {
    const url = await postgres.createDatabase();
    const indexed = await openIndexing(url, ledger.rpcUrl, ledger.deployment);
    try {
      await indexed.sync.runOnce();
      const rpc = new RpcClient(ledger.rpcUrl, { timeoutMs: 10_000, retries: 3 });
      const clean = await verifyAgainstChain(indexed.database.db, rpc, ledger.deployment);
      assert.deepEqual(clean.disagreements, []);
      assert.ok(
        [
          "orders",
          "balances",
          "listing_versions",
          "listings",
          "merchants",
          "provenance_items",
          "escrow_settings",
          "storefront_products",
        ].every((table) => clean.checked[table] > 0),
        JSON.stringify(clean.checked),
      );

      const db = indexed.database.db;
      const [product, other] = await db
        .select()
        .from(schema.storefrontProducts)
        .orderBy(schema.storefrontProducts.merchant, schema.storefrontProducts.sku)
        .limit(2);
      const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, ledger.demo.orders.Placed));
      await db
        .update(schema.orders)
        .set({ status: "Completed" })
        .where(eq(schema.orders.id, ledger.demo.orders.Placed));
      await db
        .update(schema.listings)
        .set({ remaining: "999" })
        .where(and(eq(schema.listings.merchant, product.merchant), eq(schema.listings.sku, product.sku)));
      // The read model alone: what the API serves, no longer what the indexed tables say.
      await db
        .update(schema.storefrontProducts)
        .set({ title: "tampered" })
        .where(
          and(eq(schema.storefrontProducts.merchant, other.merchant), eq(schema.storefrontProducts.sku, other.sku)),
        );
      const env = {
        RPC_URL: ledger.rpcUrl,
        DEPLOYMENTS_DIR: ledger.deploymentsDir,
        DATABASE_URL: url,
        LOG_LEVEL: "info",
      };
      const run = runIndexer(["verify", "--all"], env);
      assert.equal(await run.exited, 2, run.output().slice(-2000));
      const reported = run
        .output()
        .split("\n")
        .filter((line) => line.includes('"msg":"row disagrees with the chain"'))
        .map((line) => JSON.parse(line));
      assert.deepEqual(
        reported.map(({ table, key, field, database, chain }) => ({ table, key, field, database, chain })),
        [
          {
            table: "listings",
            key: { merchant: product.merchant, sku: product.sku },
            field: "remaining",
            database: "999",
            chain: product.remaining,
          },
          {
            table: "orders",
            key: { id: ledger.demo.orders.Placed },
            field: "status",
            database: "Completed",
            chain: order.status,
          },
          // The tampered stock, as the read model still has it against what the tampered table gives.
          {
            table: "storefront_products",
            key: { merchant: product.merchant, sku: product.sku },
            field: "remaining",
            database: product.remaining,
            chain: "999",
          },
          {
            table: "storefront_products",
            key: { merchant: other.merchant, sku: other.sku },
            field: "title",
            database: "tampered",
            chain: other.title,
          },
        ],
      );
      const badArgs = runIndexer(["verify", "--sample", "0"], env);
      assert.equal(await badArgs.exited, 1);
      assert.match(badArgs.output(), /--sample must be a positive integer/);
    } finally {
      await indexed.database.close();
    }
  });

  it("follows the head by a newHeads WebSocket subscription, and by polling while the socket is down", async () => {
    const chain = chainActivity(ledger.rpcUrl, ledger.deployment);
    const chainPort = Number(new URL(ledger.rpcUrl).port);
    const proxyPort = await freePort();
    const proxy = await startTcpProxy(proxyPort, chainPort);
    const heads = new HeadWatcher(`ws://127.0.0.1:${proxyPort}`, silent, { backoffMs: 50, maxBackoffMs: 200 });
    const url = await postgres.createDatabase();
    const labelled = async (db: Indexing["database"]["db"], roleId: number, withinMs: number) => {
      const started = performance.now();
      while (performance.now() - started < withinMs) {
        if (
          (
            await db
              .select()
              .from(schema.roleLabels)
              .where(eq(schema.roleLabels.roleId, String(roleId)))
          ).length > 0
        )
          return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return Infinity;
    };
    const follow = async (pollIntervalMs: number, body: (indexing: Indexing) => Promise<void>) => {
      const indexing = await openIndexing(url, ledger.rpcUrl, ledger.deployment, {
        pollIntervalMs,
        finalityDepth: 0,
        heads,
      });
      const { sync } = indexing;
      await sync.runOnce();
      const controller = new AbortController();
      const running = sync.follow(controller.signal);
      try {
        await body(indexing);
      } finally {
        controller.abort();
        await running;
        await indexing.database.close();
      }
    };
    try {
      for (let i = 0; i < 100 && !heads.connected; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(heads.connected, "subscribed through the WebSocket");
      // Polling every 60 s: only the subscription can make a new block visible within seconds.
      await follow(60_000, async ({ database }) => {
        for (let i = 0; i < 250 && heads.waiting === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(heads.waiting, 1, "the loop has indexed what there was and waits for a head");
        await chain.asAdmin("AccessManager", "labelRole", [501n, "via-ws"], ledger.demo.admin);
        const latency = await labelled(database.db, 501, 5_000);
        assert.ok(latency < 5_000, "indexed through the head subscription");
        assert.ok(heads.heads > 0);
      });
      // Socket cut and the endpoint refusing connections: polling (300 ms) keeps the indexer following.
      await proxy.cut();
      for (let i = 0; i < 100 && heads.connected; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(heads.connected, false);
      await follow(300, async ({ database }) => {
        await chain.asAdmin("AccessManager", "labelRole", [502n, "via-polling"], ledger.demo.admin);
        assert.ok((await labelled(database.db, 502, 5_000)) < 5_000, "indexed by polling while the socket is down");
      });
      // The endpoint back: the watcher reconnects by itself (back-off) and announces heads again.
      await proxy.reopen();
      for (let i = 0; i < 200 && !heads.connected; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(heads.connected, "resubscribed after the endpoint came back");
      assert.ok(heads.connections >= 2);
    } finally {
      heads.close();
      await proxy.stop();
    }
  });

  it("shows backfill progress as a bar with ETA on a TTY and as log lines otherwise", () => {
    let drawn = "";
    const tty = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((drawn += chunk), done()) }), {
      isTTY: true,
      columns: 120,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    }) as unknown as NodeJS.WriteStream;
    const lines: unknown[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const bar = new ProgressReporter(logger, tty);
    bar.update({ from: 1, to: 100, head: 1_000, events: 5_000, eventsPerSec: 5_000, span: 100 });
    bar.update({ from: 101, to: 1_000, head: 1_000, events: 45_000, eventsPerSec: 5_000, span: 100 });
    assert.match(drawn, /backfill \[.*\] \d+% \| 1000\/1000 blocks \| 50000 events \| \d+ ev\/s \| ETA 0s/);
    assert.deepEqual(lines, [], "no log lines on a TTY");

    const plain = new ProgressReporter(
      logger,
      Object.assign(new Writable(), { isTTY: false }) as unknown as NodeJS.WriteStream,
    );
    plain.update({ from: 1, to: 100, head: 1_000, events: 5_000, eventsPerSec: 5_000, span: 100 });
    plain.update({ from: 101, to: 1_000, head: 1_000, events: 45_000, eventsPerSec: 5_000, span: 100 });
    assert.deepEqual(
      lines.map((line) => (line as { msg: string }).msg),
      ["backfilling", "at head"],
    );
    assert.ok("eta_s" in (lines[0] as object) && "blocks_behind" in (lines[0] as object));
    assert.deepEqual([formatDuration(59), formatDuration(61), formatDuration(3_725)], ["59s", "1m01s", "1h02m"]);
  });
});
