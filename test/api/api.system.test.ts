import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type SQL, sql } from "drizzle-orm";
import { getAddress } from "viem";
import type { StoredOrderTerms } from "../../indexer/src/store/schema.ts";
import { escrowDomain, voucherTypes } from "../../sdk/eip712.ts";
import { ROLES } from "../../sdk/roles.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { ordersWatchSuite } from "../cli/orders-watch.ts";
import { merchantOrdersSuite } from "./merchant-orders.ts";
import { orderTrackingSuite } from "./order-tracking.ts";
import { exportProofsSuite } from "./export-proofs.ts";
import { productTraceSuite } from "./product-trace.ts";
import { webhooksSuite } from "./webhooks.ts";
import { CATEGORIES, devAccount, startApiSystem, WORDS, type ApiSystem } from "./helpers/api-system.ts";
import { codeOf, gql } from "./helpers/graphql.ts";
import {
  SIWE_DOMAIN,
  SIWE_URI,
  type SiweFields,
  sessionToken,
  signIn as signInAt,
  siweMessage,
} from "./helpers/siwe.ts";
import { subscribe } from "./helpers/sse.ts";
import { chainActivity } from "../indexer/helpers/activity.ts";
import { orderTermsFromJson } from "../../sdk/order-terms.ts";

const EXTRA_LISTINGS = 110;

interface Row {
  id: string;
  merchant: string;
  token: string;
  price: bigint;
  remaining: bigint;
  title: string;
  categoryPath: string[];
  searchText: string;
  publishedBlock: number;
}

describe("GraphQL API over the indexed demo ledger plus 110 generated listings", () => {
  let system: ApiSystem;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let url: string;
  let rows: Row[];
  const ada = devAccount(11);
  const grace = devAccount(12);
  const auditor = devAccount(4);

  before(async () => {
    system = await startApiSystem(EXTRA_LISTINGS);
    process.env.DEPLOYMENTS_DIR = system.ledger.deploymentsDir;
    api = await startTestApi(system.indexing.database, {
      SIWE_DOMAIN,
      SIWE_URI,
      RPC_URL: system.ledger.rpcUrl,
      BODY_LIMIT_BYTES: "20000",
    });
    url = api.graphqlUrl;
    const result = await system.indexing.database.db.execute(sql`
      select l.listing_id as id, l.merchant, l.token, l.price::text as price, l.remaining::text as remaining,
        m.document, m.search_text, v.published_block::float8 as published
      from listings l join listing_versions v on v.id = l.listing_id
        left join metadata_documents m on m.cid = l.metadata_cid
      where l.status = 'Active'`);
    rows = (result.rows as any[]).map((r) => ({
      id: r.id,
      merchant: r.merchant,
      token: r.token,
      price: BigInt(r.price),
      remaining: BigInt(r.remaining),
      title: r.document?.title ?? "",
      categoryPath: r.document?.categoryPath ?? [],
      searchText: (r.search_text ?? "").toLowerCase(),
      publishedBlock: Number(r.published),
    }));
    assert.ok(rows.length >= EXTRA_LISTINGS);
  });
  after(async () => {
    await api?.close();
    await system?.stop();
  });

  /** Every page of a listings query, following endCursor. */
  async function allPages(variables: Record<string, unknown>, pageSize: number) {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const result: Awaited<ReturnType<typeof gql<Record<string, any>>>> = await gql(
        url,
        `query($search: String, $filter: ListingFilter, $orderBy: ListingOrder, $first: Int, $after: String) {
        listings(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { ...variables, first: pageSize, after },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const page = result.data!.listings;
      totalCount = page.totalCount;
      ids.push(...page.nodes.map((node: { id: string }) => node.id));
      if (!page.pageInfo.hasNextPage) return { ids, totalCount };
      after = page.pageInfo.endCursor;
    }
  }

  const byPrice = (a: Row, b: Row) => (a.price === b.price ? (a.id < b.id ? -1 : 1) : a.price < b.price ? -1 : 1);

  describe("listings search, filters and pagination agree with a brute-force computation", () => {
    const cases: { name: string; variables: Record<string, unknown>; keep: (row: Row) => boolean }[] = [
      { name: "everything", variables: {}, keep: () => true },
      {
        name: `search "${WORDS[1]}"`,
        variables: { search: WORDS[1] },
        keep: (row) => row.searchText.split(/\s+/).includes(WORDS[1]),
      },
      {
        name: "category Garden",
        variables: { filter: { category: "Garden" } },
        keep: (row) => row.categoryPath.includes("Garden"),
      },
      {
        name: "price range",
        variables: { filter: { minPrice: "10000000000000000", maxPrice: "30000000000000000" } },
        keep: (row) => row.price >= 10n ** 16n && row.price <= 3n * 10n ** 16n,
      },
      {
        name: "native token, in stock",
        variables: { filter: { token: "0x0000000000000000000000000000000000000000", inStock: true } },
        keep: (row) => row.token === "0x0000000000000000000000000000000000000000" && row.remaining > 0n,
      },
      {
        name: "one merchant and a search",
        variables: { search: WORDS[0], filter: { merchant: devAccount(7).address } },
        keep: (row) =>
          row.merchant === devAccount(7).address.toLowerCase() && row.searchText.split(/\s+/).includes(WORDS[0]),
      },
    ];
    for (const { name, variables, keep } of cases) {
      it(`${name}: same set, price order and total across pages of 7`, async () => {
        const expected = rows
          .filter(keep)
          .sort(byPrice)
          .map((row) => row.id);
        const { ids, totalCount } = await allPages({ ...variables, orderBy: "PRICE_ASC" }, 7);
        assert.deepEqual(ids, expected);
        assert.equal(totalCount, expected.length);
      });
    }

    it("orders by price descending and newest the same way", async () => {
      const descending = [...rows]
        .sort((a, b) => (a.price === b.price ? (a.id < b.id ? -1 : 1) : a.price > b.price ? -1 : 1))
        .map((row) => row.id);
      assert.deepEqual((await allPages({ orderBy: "PRICE_DESC" }, 50)).ids, descending);
      const newest = [...rows]
        .sort((a, b) =>
          a.publishedBlock === b.publishedBlock ? (a.id < b.id ? -1 : 1) : b.publishedBlock - a.publishedBlock,
        )
        .map((row) => row.id);
      assert.deepEqual((await allPages({ orderBy: "NEWEST" }, 50)).ids, newest);
    });

    it("facets count categories and price ranges per token for the same search", async () => {
      const result = await gql(
        url,
        `{ listings(search: "${WORDS[2]}", first: 1) {
          facets { categories { category count } prices { token min max count } } } }`,
      );
      const matching = rows.filter((row) => row.searchText.split(/\s+/).includes(WORDS[2]));
      const counts = new Map<string, number>();
      for (const row of matching)
        for (const category of row.categoryPath) counts.set(category, (counts.get(category) ?? 0) + 1);
      const facets = result.data!.listings.facets;
      assert.deepEqual(
        new Map(facets.categories.map((c: { category: string; count: number }) => [c.category, c.count])),
        counts,
      );
      for (const range of facets.prices) {
        const prices = matching.filter((row) => row.token === range.token.toLowerCase()).map((row) => row.price);
        assert.equal(range.count, prices.length);
        assert.equal(
          BigInt(range.min),
          prices.reduce((a, b) => (a < b ? a : b)),
        );
        assert.equal(
          BigInt(range.max),
          prices.reduce((a, b) => (a > b ? a : b)),
        );
      }
      assert.ok(CATEGORIES.some((path) => counts.has(path[1])));
    });

    it("serves a listing with merchant, versions, stock, media URLs and metadata status", async () => {
      const id = rows.find((row) => row.title.startsWith(WORDS[3]))!.id;
      const result = await gql(
        url,
        `query($id: Bytes32!) { listing(id: $id) {
          id title stock metadataStatus merchant { address profile { name } } versions { id version }
          media { cid url thumbnail { url } } reviews { rating } } }`,
        { id },
      );
      const listing = result.data!.listing;
      assert.equal(listing.id, id);
      assert.equal(listing.metadataStatus, "OK");
      assert.equal(listing.versions.length, 1);
      assert.match(listing.media[0].url, new RegExp(`/ipfs/${listing.media[0].cid}$`));
      assert.ok(listing.merchant.profile.name);
    });
  });

  /**
   * Counts the SQL statements requests send, from now until `stop()`. What runs every few ms whatever the requests
   * is left out: the indexed block, the change log, the webhook worker's queue. drizzle passes { text, values }, raw
   * statements a string.
   */
  function countRequestQueries() {
    const client = (system.indexing.database.db as any).$client;
    const original = client.query.bind(client);
    const sqlOf = (query: unknown) => String((query as { text?: string })?.text ?? query);
    let queries = 0;
    client.query = (query: unknown, ...rest: unknown[]) => (
      /from "?(sync_state|index_changes|api_webhook)/.test(sqlOf(query)) || queries++, original(query, ...rest)
    );
    return {
      /** The statements since the last reset, and starts counting again. */
      reset: () => [queries, (queries = 0)][0],
      stop: () => (client.query = original),
    };
  }

  it("batches a 100-listing page with merchants, media and versions into a fixed handful of SQL queries", async () => {
    const count = countRequestQueries();
    const query = (first: number) =>
      `{ listings(first: ${first}, orderBy: PRICE_ASC) { nodes {
        id title media { url } stock rating { average } versions { version }
        merchant { address status profile { name } statusHistory { status } rating { count } } } } }`;
    try {
      const small = await gql(url, query(5));
      const smallQueries = count.reset();
      const large = await gql(url, query(100));
      assert.equal(large.data!.listings.nodes.length, 100);
      assert.equal(small.errors, undefined);
      const queries = count.reset();
      assert.ok(queries <= 10, `${queries} SQL queries for 100 listings`);
      // Not more than the small page's: the large one may find merchants the row cache holds already.
      assert.ok(queries <= smallQueries, `${queries} SQL queries against ${smallQueries}: grew with the page`);
    } finally {
      count.stop();
    }
  });

  it("caches a query from its second sighting, shows a committed batch at once, never a signed-in one", async () => {
    const count = countRequestQueries();
    const row = rows.find((candidate) => candidate.remaining > 3n)!;
    const query = `{ listing(id: "${row.id}") { stock merchant { address } versions { version } } }`;
    const stock = async (token?: string) => (await gql(url, query, undefined, token)).data!.listing.stock as string;
    const raw = async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      return { text: await response.text(), etag: response.headers.get("etag") };
    };
    try {
      const once = await raw();
      assert.equal(once.etag, null, "a request seen once is not stored");
      count.reset();
      const miss = await raw();
      const missed = count.reset();
      // Its versions at least: the product's and merchant's rows may come from the row caches the first sighting
      // filled.
      assert.ok(missed >= 1, `${missed} SQL queries: the second sighting runs again, and is stored`);
      const first = JSON.parse(miss.text).data.listing.stock as string;
      const hit = await raw();
      const repeated = count.reset();
      assert.equal(repeated, 0, `${repeated} SQL queries for a repeat`);
      assert.deepEqual(hit, miss, "a hit sends the miss's bytes and ETag");
      assert.ok(miss.etag && !miss.text.includes("ETag"), "the cache headers go in headers, not in the body");

      await chainActivity(system.ledger.rpcUrl, system.ledger.deployment).send(
        "ListingRegistry",
        "setStock",
        [row.id, BigInt(first) - 1n],
        row.merchant,
      );
      await system.catchUp();
      assert.equal(await stock(), String(BigInt(first) - 1n), "a committed batch changes the key at once");

      const token = await tokenOf(ada);
      count.reset();
      await stock(token);
      await stock(token);
      const signedIn = count.reset();
      // Each reads its versions at least (the rows come from the row caches).
      assert.ok(signedIn >= 2, `${signedIn} SQL queries: signed-in requests run every time`);
    } finally {
      count.stop();
    }
  });

  // Sign-In With Ethereum helpers, shared by the SIWE, order and subscription tests.
  async function message(signer = ada, overrides: SiweFields = {}, as = signer) {
    const text = await siweMessage(url, signer.address, overrides);
    return { text, signature: await as.signMessage({ message: text }) };
  }
  const signIn = (text: string, signature: string) => signInAt(url, text, signature);
  async function tokenOf(account: typeof ada) {
    const { text, signature } = await message(account);
    return (await signIn(text, signature)).data!.signIn.token as string;
  }

  describe("accounts: escrow balances, withdrawals and an account's own orders", () => {
    const FUNDS = `query($a: Address!) { account(address: $a) {
      address balances { token amount withdrawn } merchantFunds { token settled withdrawn held } } }`;
    const ORDERS = `query($a: Address!, $role: OrderRole, $after: String) { account(address: $a) {
      orders(role: $role, first: 2, after: $after) { totalCount nodes { id buyer merchant { address } }
        pageInfo { endCursor hasNextPage } } } }`;
    type Balance = { token: string; amount: string; withdrawn: string };
    const fundsOf = async (address: string) => (await gql(url, FUNDS, { a: address })).data!.account;
    const balanceOf = async (address: string, token: string): Promise<Balance> =>
      ((await fundsOf(address)).balances as Balance[]).find((balance) => balance.token.toLowerCase() === token) ?? {
        token,
        amount: "0",
        withdrawn: "0",
      };
    const queryRows = async <T>(statement: SQL) => (await system.indexing.database.db.execute(statement)).rows as T[];
    const activity = () => chainActivity(system.ledger.rpcUrl, system.ledger.deployment);

    it("shows a buyer's refund as its balance; after a withdrawal none is left, all of it withdrawn", async () => {
      const orderId = (system.ledger.demo.orders as Record<string, string>).Shipped;
      const [order] = await queryRows<{ terms: StoredOrderTerms; merchant: string; token: string; total: string }>(
        sql`select terms, merchant, token, total::text as total from orders where id = ${orderId}`,
      );
      const before = await balanceOf(ada.address, order.token);
      const refund = BigInt(order.total) / 20n;
      await activity().send(
        "OrderEscrow",
        "refundOrder",
        [
          BigInt(orderId),
          orderTermsFromJson(order.terms),
          refund,
          "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e",
        ],
        order.merchant,
      );
      await system.catchUp();
      const refunded = await balanceOf(ada.address, order.token);
      assert.equal(BigInt(refunded.amount), BigInt(before.amount) + refund, "the refund is credited, not paid");
      assert.equal(refunded.withdrawn, before.withdrawn);

      await activity().send("OrderEscrow", "withdraw", [order.token], ada.address);
      await system.catchUp();
      const after = await balanceOf(ada.address, order.token);
      assert.equal(after.amount, "0");
      assert.equal(BigInt(after.withdrawn), BigInt(refunded.withdrawn) + BigInt(refunded.amount));
      assert.deepEqual(await balanceOf(grace.address, "0x0000000000000000000000000000000000000bad"), {
        token: "0x0000000000000000000000000000000000000bad",
        amount: "0",
        withdrawn: "0",
      });
    });

    it("shows a merchant what its completed orders settled and what its open orders hold, per token", async () => {
      const alpine = devAccount(6).address;
      const { merchantFunds } = await fundsOf(alpine);
      const [settled] = await queryRows<{ token: string; amount: string }>(sql`select o.token,
        sum(s.merchant_amount)::text as amount from settlements s join orders o on o.id = s.order_id
        where o.merchant = ${alpine.toLowerCase()} group by o.token order by o.token limit 1`);
      const [held] = await queryRows<{ amount: string }>(sql`select coalesce(sum(total - refunded), 0)::text as amount
        from orders where merchant = ${alpine.toLowerCase()} and token = ${settled.token}
        and status in ('Placed', 'Accepted', 'Shipped', 'Disputed')`);
      const funds = merchantFunds.find((row: { token: string }) => row.token.toLowerCase() === settled.token);
      assert.equal(funds.settled, settled.amount);
      assert.equal(funds.held, held.amount);
      assert.ok(BigInt(held.amount) > 0n, "the demo leaves alpine orders open");
      assert.deepEqual((await fundsOf(ada.address)).merchantFunds, [], "a buyer has no merchant funds");
    });

    it("reads the balances and funds of many accounts in one query with one statement each", async () => {
      const client = (system.indexing.database.db as any).$client;
      const original = client.query.bind(client);
      const statements: string[] = [];
      client.query = (query: any, ...rest: unknown[]) => (
        statements.push(typeof query === "string" ? query : query.text), original(query, ...rest)
      );
      try {
        const accounts = [ada, grace, devAccount(6), devAccount(7)].map((account) => account.address);
        const query = `{ ${accounts.map(
          (address, i) => `a${i}: account(address: "${address}") {
          balances { token amount } merchantFunds { token held } }`,
        )} }`;
        const result = await gql(url, query, undefined, await tokenOf(ada)); // signed in: not from the cache
        assert.equal(result.errors, undefined, JSON.stringify(result.errors));
        assert.deepEqual(
          result.data!.a0.balances,
          (await fundsOf(ada.address)).balances.map(({ token, amount }: Balance) => ({ token, amount })),
        );
        assert.equal(statements.filter((text) => /from balances\b/.test(text) && !/with settled/.test(text)).length, 1);
        assert.equal(statements.filter((text) => /with settled/.test(text)).length, 1);
      } finally {
        client.query = original;
      }
    });

    it("pages an account's orders as buyer, as merchant and as either, to itself only, signed in", async () => {
      const alpine = devAccount(6);
      const either = (account: typeof ada) =>
        sql`(buyer = ${account.address.toLowerCase()} or merchant = ${account.address.toLowerCase()})`;
      const cases = [
        [ada, "BUYER", sql`buyer = ${ada.address.toLowerCase()}`],
        [alpine, "MERCHANT", sql`merchant = ${alpine.address.toLowerCase()}`],
        [alpine, "ANY", either(alpine)],
        [ada, "ANY", either(ada)],
      ] as const;
      for (const [account, role, party] of cases) {
        const expected = (
          await queryRows<{ id: string }>(
            sql`select id::text as id from orders where ${party} order by placed_block desc, id desc`,
          )
        ).map((row) => row.id);
        assert.ok(expected.length > 2, `the demo has more than a page of ${role} orders`);
        const token = await tokenOf(account);
        const seen: string[] = [];
        for (let after: string | null = null; ; ) {
          const page: any = (await gql(url, ORDERS, { a: account.address, role, after }, token)).data!.account.orders;
          assert.equal(page.totalCount, expected.length, role);
          for (const order of page.nodes)
            if (role !== "ANY")
              assert.equal(role === "BUYER" ? order.buyer : order.merchant.address, account.address, role);
          seen.push(...page.nodes.map((order: { id: string }) => order.id));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        assert.deepEqual(seen, expected, `${role}: every order once, newest first`);
      }
      assert.equal(codeOf(await gql(url, ORDERS, { a: grace.address }, await tokenOf(ada))), "FORBIDDEN");
      assert.equal(codeOf(await gql(url, ORDERS, { a: ada.address })), "UNAUTHENTICATED");
    });

    it("pages orders by status from a keyset cursor, counting them only when totalCount is asked for", async () => {
      const alpine = devAccount(6);
      const token = await tokenOf(alpine);
      const [{ status }] = await queryRows<{ status: string }>(
        sql`select status from orders where merchant = ${alpine.address.toLowerCase()}
            group by status order by count(*) desc limit 1`,
      );
      const expected = (
        await queryRows<{ id: string }>(
          sql`select id::text as id from orders where merchant = ${alpine.address.toLowerCase()} and status = ${status}
              order by placed_block desc, id desc`,
        )
      ).map((row) => row.id);
      const PAGE = `query($status: OrderStatus, $after: String) { orders(role: MERCHANT, status: $status, first: 1,
        after: $after) { nodes { id status } pageInfo { endCursor hasNextPage hasPreviousPage } } }`;
      const client = (system.indexing.database.db as any).$client;
      const original = client.query.bind(client);
      const statements: string[] = [];
      client.query = (query: any, ...rest: unknown[]) => (
        statements.push(typeof query === "string" ? query : query.text), original(query, ...rest)
      );
      const seen: string[] = [];
      try {
        for (let after: string | null = null; ; ) {
          const result: Awaited<ReturnType<typeof gql>> = await gql(url, PAGE, { status, after }, token);
          assert.equal(result.errors, undefined, JSON.stringify(result.errors));
          const page = (result.data as any).orders;
          assert.equal(page.pageInfo.hasPreviousPage, after !== null);
          for (const order of page.nodes) assert.equal(order.status, status);
          seen.push(...page.nodes.map((order: { id: string }) => order.id));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
      } finally {
        client.query = original;
      }
      assert.deepEqual(seen, expected, `${status} orders, each once, newest first`);
      assert.ok(
        statements.some((text) => /from "orders"/.test(text)),
        "the statements were captured",
      );
      assert.equal(statements.filter((text) => /count\(\*\)/.test(text)).length, 0, "no count without totalCount");

      const merchantsPage = (await gql(url, "{ merchants(first: 1) { pageInfo { endCursor } } }")).data!.merchants;
      const foreign = await gql(url, PAGE, { after: merchantsPage.pageInfo.endCursor }, token);
      assert.equal(codeOf(foreign), "BAD_USER_INPUT");
      assert.match(foreign.errors![0].message, /^after: is a cursor of another list \(merchants\)/);
      const offsetCursor = Buffer.from("o:1").toString("base64url"); // what the API's cursors were before keysets
      const stale = await gql(url, PAGE, { after: offsetCursor }, token);
      assert.equal(codeOf(stale), "BAD_USER_INPUT");
      assert.match(stale.errors![0].message, /^after: must be a cursor returned by this API/);
    });

    it("refuses a bad address as BAD_USER_INPUT naming the field, in a variable and in a literal", async () => {
      const viaVariable = await gql(url, FUNDS, { a: "0x1234" });
      const viaLiteral = await gql(url, '{ account(address: "0x1234") { balances { amount } } }');
      for (const bad of [viaVariable, viaLiteral]) {
        assert.equal(codeOf(bad), "BAD_USER_INPUT");
        assert.equal(bad.errors![0].extensions!.field, "address");
        assert.match(bad.errors![0].message, /^address: .*Address must be 0x followed by 40 hex digits/);
        assert.equal(bad.data ?? null, null);
      }
    });
  });

  describe("Sign-In With Ethereum", () => {
    it("signs in, shows the account, and signs out (the token stops working)", async () => {
      const { text, signature } = await message();
      const session = (await signIn(text, signature)).data!.signIn;
      assert.equal(session.address, ada.address);
      const me = await gql(url, "{ me { address } }", undefined, session.token);
      assert.equal(me.data!.me.address, ada.address);
      assert.equal((await gql(url, "mutation { signOut }", undefined, session.token)).data!.signOut, true);
      assert.equal(codeOf(await gql(url, "{ me { address } }", undefined, session.token)), "UNAUTHENTICATED");
    });

    it("rejects a replayed nonce", async () => {
      const { text, signature } = await message();
      assert.ok((await signIn(text, signature)).data?.signIn.token);
      const replay = await signIn(text, signature);
      assert.equal(codeOf(replay), "UNAUTHENTICATED");
      assert.match(replay.errors![0].message, /nonce/);
    });

    const rejections: [string, () => Promise<{ text: string; signature: string }>, RegExp][] = [
      ["a wrong domain", () => message(ada, { domain: "evil.example" }), /domain/],
      [
        "an expired message",
        () => message(ada, { expirationTime: new Date(Date.now() - 1000).toISOString() }),
        /expired/,
      ],
      [
        "a message not valid yet",
        () => message(ada, { notBefore: new Date(Date.now() + 3_600_000).toISOString() }),
        /not valid yet/,
      ],
      ["a wrong chain", () => message(ada, { chainId: 1 }), /chain/],
      ["a wrong URI", () => message(ada, { uri: "https://evil.example" }), /URI/],
      ["a signature by another account", () => message(ada, {}, grace), /signature/],
    ];
    for (const [name, build, reason] of rejections) {
      it(`rejects ${name}`, async () => {
        const { text, signature } = await build();
        const result = await signIn(text, signature);
        assert.equal(codeOf(result), "UNAUTHENTICATED", JSON.stringify(result.errors));
        assert.match(result.errors![0].message, reason);
      });
    }

    it("rejects malformed messages and signatures as BAD_USER_INPUT and forged tokens as UNAUTHENTICATED", async () => {
      assert.equal(codeOf(await signIn("hello", `0x${"11".repeat(65)}`)), "BAD_USER_INPUT");
      const { text } = await message();
      assert.equal(codeOf(await signIn(text, "0x1234")), "BAD_USER_INPUT");
      assert.equal(codeOf(await gql(url, "{ me { address } }", undefined, "not.a.token")), "UNAUTHENTICATED");
    });

    it("shows buyers their own orders only, forbids another buyer's order, and lets an auditor read it", async () => {
      const [adaToken, graceToken, auditorToken] = [await tokenOf(ada), await tokenOf(grace), await tokenOf(auditor)];
      const mine = await gql(
        url,
        `{ orders(role: BUYER, first: 100) {
          totalCount nodes { id buyer timeline { event txHash } lines { listing { title } } } } }`,
        undefined,
        adaToken,
      );
      assert.ok(mine.data!.orders.totalCount > 0);
      for (const order of mine.data!.orders.nodes) assert.equal(order.buyer, ada.address);
      const graceOrders = await gql(url, "{ orders(role: BUYER) { nodes { id } } }", undefined, graceToken);
      const foreign = graceOrders.data!.orders.nodes[0].id;
      const denied = await gql(url, `{ order(id: "${foreign}") { id } }`, undefined, adaToken);
      assert.equal(codeOf(denied), "FORBIDDEN");
      assert.equal(denied.data, null);
      const roles = await gql(url, `{ roles(account: "${auditor.address}") { roleId active } }`);
      assert.ok(
        roles.data!.roles.some(
          (role: { roleId: string; active: boolean }) => role.roleId === ROLES.AUDITOR.toString() && role.active,
        ),
      );
      assert.equal(
        (await gql(url, `{ order(id: "${foreign}") { id shippingCid } }`, undefined, auditorToken)).data!.order.id,
        foreign,
      );
      assert.equal(codeOf(await gql(url, `{ order(id: "${foreign}") { id } }`)), "UNAUTHENTICATED");
    });
  });

  describe("provenance export", () => {
    it("exports the trace as EPCIS 2.0: chain order, a correction as errorDeclaration + corrective event", async () => {
      const { itemId } = system.ledger.demo.provenance as { itemId: string };
      const result = await gql(url, `{ provenanceExport(itemId: "${itemId}") }`);
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const document = result.data!.provenanceExport;
      assert.equal(document["@context"][0], "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
      assert.equal(typeof document["@context"][1].cl, "string");
      assert.equal(document.type, "EPCISDocument");
      assert.equal(document.schemaVersion, "2.0");
      assert.ok(!Number.isNaN(Date.parse(document.creationDate)));
      const events: Record<string, any>[] = document.epcisBody.eventList;
      const step = (event: Record<string, any>) => {
        const action = event.action ? ` ${event.action}` : "";
        const bizStep = event.bizStep ? ` ${event.bizStep.split(":").at(-1)}` : "";
        return `${event.type}${action}${bizStep}`;
      };
      assert.deepEqual(events.map(step), [
        "ObjectEvent ADD commissioning", // green beans registered
        "ObjectEvent OBSERVE commissioning", // harvested at origin
        "TransformationEvent transforming", // roasted
        "ObjectEvent OBSERVE packing", // packed (wrong location, corrected)
        "ObjectEvent OBSERVE packing", // the correction
        "ObjectEvent ADD commissioning", // shipment registered
        "AggregationEvent ADD packing",
        "ObjectEvent OBSERVE shipping",
        "ObjectEvent OBSERVE receiving", // merchant to carrier
        "ObjectEvent OBSERVE departing",
        "ObjectEvent OBSERVE shipping",
        "ObjectEvent OBSERVE receiving", // carrier to buyer
        "AggregationEvent DELETE unpacking",
        "ObjectEvent OBSERVE inspecting", // attestation
      ]);
      for (const event of events) {
        assert.match(event.eventID, /^urn:uuid:[0-9a-f-]{36}$/);
        assert.ok(Date.parse(event.eventTime) > Date.parse("2020-01-01"), `${event.eventID} has a block time`);
        assert.equal(event.eventTimeZoneOffset, "+00:00");
      }
      assert.equal(new Set(events.map((event) => event.eventID)).size, events.length);
      const [corrected, corrective] = [events[3], events[4]];
      assert.deepEqual(corrected.errorDeclaration.correctiveEventIDs, [corrective.eventID]);
      assert.equal(corrected.errorDeclaration.reason, "urn:epcglobal:cbv:er:incorrect_data");
      assert.match(corrected.readPoint.id, /WRONG$/);
      assert.match(corrective.readPoint.id, /INNSBRUCK$/);
      assert.equal(corrective["cl:corrects"], corrected.eventID);
      const aggregation = events[6];
      assert.equal(aggregation.parentID, "urn:epc:id:sscc:0614141.1234567890");
      assert.deepEqual(aggregation.childEPCs, ["urn:epc:id:lgtin:0614141.107347.ROAST-2026-11"]);
      assert.equal(aggregation.bizTransactionList[0].type, "urn:epcglobal:cbv:btt:po");
      assert.deepEqual(events[2].inputEPCList, ["urn:epc:id:lgtin:0614141.107346.GREEN-2026-07"]);
      assert.equal(events[7].sourceList[0].type, "urn:epcglobal:cbv:sdt:owning_party");
      assert.match(events[7].destinationList[0].destination, /^did:pkh:eip155:31337:0x/);
      assert.match(events[1]["cl:evidence"], /^ipfs:\/\/b/);
      // The same chain data give the same document (apart from creationDate).
      const again = (await gql(url, `{ provenanceExport(itemId: "${itemId}") }`)).data!.provenanceExport;
      assert.deepEqual(again.epcisBody, document.epcisBody);
      assert.equal(codeOf(await gql(url, `{ provenanceExport(itemId: "0x${"ab".repeat(32)}") }`)), "NOT_FOUND");
    });

    it("lists the items traced against any version of a product, so a storefront can link to them", async () => {
      const { itemId, originId, shipmentId } = system.ledger.demo.provenance as {
        itemId: string;
        originId: string;
        shipmentId: string;
      };
      const result = await gql(
        url,
        `{ listings(search: "Yirgacheffe", first: 5) { nodes { title items { id epc status } } } }`,
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const coffee = result.data!.listings.nodes.find((node: { items: unknown[] }) => node.items.length > 0);
      assert.deepEqual(
        coffee.items.map((item: { id: string }) => item.id),
        [originId, itemId],
      );
      assert.deepEqual(
        coffee.items.map((item: { status: string }) => item.status),
        ["Consumed", "Active"],
      );
      assert.ok(
        !coffee.items.some((item: { id: string }) => item.id === shipmentId),
        "the shipment belongs to no product",
      );
    });

    it("names a trace's parties: the merchant by its profile, the carrier and auditor by their roles", async () => {
      const { demo } = system.ledger;
      const { itemId, shipmentId } = demo.provenance as { itemId: string; shipmentId: string };
      const result = await gql(
        url,
        `query($item: Bytes32!, $shipment: Bytes32!) {
        item: provenance(itemId: $item) { parties { address merchant { profile { name } } roles { label active } } }
        shipment: provenance(itemId: $shipment) {
          parties { address merchant { profile { name } } roles { label active } } } }`,
        { item: itemId, shipment: shipmentId },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      type Party = {
        address: string;
        merchant: { profile: { name: string } | null } | null;
        roles: { label: string; active: boolean }[];
      };
      const byAddress = (parties: Party[], address: string) =>
        parties.find((party) => party.address.toLowerCase() === address.toLowerCase());
      const item: Party[] = result.data!.item.parties;
      assert.equal(new Set(item.map((party) => party.address)).size, item.length, "each account once");
      assert.equal(byAddress(item, demo.merchants[0].account)?.merchant?.profile?.name, "Alpine Coffee Roasters");
      assert.ok(byAddress(item, demo.auditor)?.roles.some((role) => /auditor/i.test(role.label) && role.active));
      const buyer = byAddress(item, demo.buyers[0])!;
      assert.deepEqual(
        [buyer.merchant, buyer.roles],
        [null, []],
        "the buyer who holds it now is neither merchant nor role holder",
      );
      const carrier = byAddress(result.data!.shipment.parties, demo.carrier);
      assert.ok(
        carrier?.roles.some((role) => /carrier/i.test(role.label)),
        "the carrier who moved the shipment",
      );
    });

    it("lists the items packed for an order and the container they went in, for the order's readers", async () => {
      const { itemId, shipmentId } = system.ledger.demo.provenance as { itemId: string; shipmentId: string };
      const { Completed, Placed } = system.ledger.demo.orders as Record<string, string>;
      const result = await gql(
        url,
        `query($a: UInt256!, $b: UInt256!) {
          packed: order(id: $a) { items { id epc } } unpacked: order(id: $b) { items { id } } }`,
        { a: Completed, b: Placed },
        await tokenOf(auditor),
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      assert.deepEqual(
        result.data!.packed.items.map((item: { id: string }) => item.id),
        [itemId, shipmentId],
      );
      assert.deepEqual(result.data!.unpacked.items, []);
    });
  });

  describe("block times and role-grant history", () => {
    const chain = () => chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
    /** Asserts each [block, Timestamp] pair is that block's time on the chain. */
    async function assertBlockTimes(pairs: [number, string][]) {
      const { publicClient } = chain();
      for (const block of new Set(pairs.map(([block]) => block))) {
        const expected = new Date(
          Number((await publicClient.getBlock({ blockNumber: BigInt(block) })).timestamp) * 1000,
        ).toISOString();
        for (const [, at] of pairs.filter(([b]) => b === block)) assert.equal(at, expected, `time of block ${block}`);
      }
    }

    /** A row's [block, time] pair, for assertBlockTimes. */
    const dated =
      (block: string, time: string) =>
      (row: any): [number, string] => [row[block], row[time]];

    it("dates orders, timelines, listings, reviews, status changes and provenance steps by their blocks", async () => {
      const { demo } = system.ledger;
      const orders = await gql(
        url,
        `{ orders(first: 100) { nodes {
          placedBlock placedAt timeline { blockNumber at }
          dispute { openedBlock openedAt resolvedBlock resolvedAt } settlement { blockNumber settledAt }
          lines { listing { reviews { blockNumber postedAt } } } } } }`,
        undefined,
        await tokenOf(auditor),
      );
      assert.equal(orders.errors, undefined, JSON.stringify(orders.errors));
      const merchant = await gql(
        url,
        `query($m: Address!) { merchant(address: $m) {
          appliedBlock appliedAt statusHistory { blockNumber at }
          listings(first: 50) { nodes { publishedBlock publishedAt versions { publishedBlock publishedAt } } } } }`,
        { m: demo.merchants[0].account },
      );
      const trace = await gql(
        url,
        `query($id: Bytes32!) { provenance(itemId: $id) {
          item { registeredBlock registeredAt } events { blockNumber recordedAt eventTime }
          custody { blockNumber at } containers { blockNumber at } attestations { blockNumber at } } }`,
        { id: demo.provenance.itemId },
      );
      assert.equal(merchant.errors ?? trace.errors, undefined, JSON.stringify(merchant.errors ?? trace.errors));
      const pairs: [number, string][] = [];
      for (const order of orders.data!.orders.nodes) {
        pairs.push(dated("placedBlock", "placedAt")(order), ...order.timeline.map(dated("blockNumber", "at")));
        if (order.dispute) pairs.push(dated("openedBlock", "openedAt")(order.dispute));
        if (order.dispute?.resolvedBlock) pairs.push(dated("resolvedBlock", "resolvedAt")(order.dispute));
        if (order.settlement) pairs.push(dated("blockNumber", "settledAt")(order.settlement));
      }
      const { statusHistory, listings } = merchant.data!.merchant;
      pairs.push(
        dated("appliedBlock", "appliedAt")(merchant.data!.merchant),
        ...statusHistory.map(dated("blockNumber", "at")),
      );
      const reviews = orders.data!.orders.nodes.flatMap((order: any) =>
        order.lines.flatMap((line: any) => line.listing?.reviews ?? []),
      );
      assert.ok(reviews.length > 0, "the demo's orders have reviews");
      for (const listing of listings.nodes)
        pairs.push(
          dated("publishedBlock", "publishedAt")(listing),
          ...listing.versions.map(dated("publishedBlock", "publishedAt")),
        );
      pairs.push(...reviews.map(dated("blockNumber", "postedAt")));
      const { item, events, custody, containers, attestations } = trace.data!.provenance;
      assert.ok(
        events.every((event: { eventTime: string | null }) => event.eventTime === null),
        "the demo states no event times: null, not the epoch",
      );
      pairs.push(
        dated("registeredBlock", "registeredAt")(item),
        ...events.map(dated("blockNumber", "recordedAt")),
        ...[...custody, ...containers, ...attestations].map(dated("blockNumber", "at")),
      );
      assert.ok(pairs.length > 40, `${pairs.length} dated rows`);
      await assertBlockTimes(pairs);
    });

    it("sums a merchant's orders per UTC day of placing and token, within a time range", async () => {
      const address = system.ledger.demo.merchants[0].account;
      const query = `query($m: Address!, $from: Timestamp, $to: Timestamp) { merchant(address: $m) {
        sales { token orders completed gross settled }
        salesByDay(from: $from, to: $to) { day token orders completed gross } } }`;
      const result = await gql(url, query, { m: address });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const { sales, salesByDay } = result.data!.merchant;
      assert.ok(salesByDay.length > 0);
      const settledByToken = (
        await system.indexing.database.db.execute(
          sql`select o.token, coalesce(sum(s.merchant_amount), 0)::text as settled
              from orders o left join settlements s on s.order_id = o.id
              where o.merchant = ${address.toLowerCase()} group by o.token`,
        )
      ).rows as { token: string; settled: string }[];
      assert.ok(
        settledByToken.some((row) => row.settled !== "0"),
        "the demo merchant has settled orders",
      );
      assert.deepEqual(
        sales.map((figure: any) => ({ token: figure.token.toLowerCase(), settled: figure.settled })),
        settledByToken.sort((a, b) => (a.token < b.token ? -1 : 1)),
        "what each token's completed orders settled to the merchant",
      );
      for (const figure of sales) {
        const days = salesByDay.filter((day: any) => day.token === figure.token);
        assert.equal(
          days.reduce((sum: number, day: any) => sum + day.orders, 0),
          figure.orders,
        );
        assert.equal(
          days.reduce((sum: number, day: any) => sum + day.completed, 0),
          figure.completed,
        );
        assert.equal(
          days.reduce((sum: bigint, day: any) => sum + BigInt(day.gross), 0n),
          BigInt(figure.gross),
        );
      }
      const [first] = salesByDay;
      assert.match(first.day, /^\d{4}-\d{2}-\d{2}$/);
      const after = (
        await gql(url, query, { m: address, from: `${first.day}T00:00:00Z`, to: `${first.day}T23:59:59Z` })
      ).data!.merchant.salesByDay;
      assert.deepEqual(
        after,
        salesByDay.filter((day: any) => day.day === first.day),
      );
      assert.equal(
        codeOf(await gql(url, query, { m: address, from: "2030-01-02T00:00:00Z", to: "2030-01-01T00:00:00Z" })),
        "BAD_USER_INPUT",
      );
    });

    it("publishes vouchers only from their merchant, turns codes into signed vouchers, refuses by name", async () => {
      const { deployment } = system.ledger;
      const alpine = devAccount(6);
      const [token, stranger] = await Promise.all(
        [alpine, devAccount(15)].map((account) => sessionToken(url, account)),
      );
      const chainNow = Number((await chain().publicClient.getBlock()).timestamp);
      const counter = (await gql(url, `{ merchant(address: "${alpine.address}") { counter } }`)).data!.merchant.counter;
      const voucher = (overrides: Record<string, unknown> = {}) => ({
        merchant: alpine.address,
        id: `0x${"7a".repeat(32)}`,
        buyer: "0x0000000000000000000000000000000000000000",
        amountOff: "0",
        bpsOff: 1_000,
        minTotal: "0",
        expiry: chainNow + 86_400,
        maxUses: 10,
        counter,
        ...overrides,
      });
      const signed = async (fields: Record<string, unknown>, signer = alpine) =>
        signer.signTypedData({
          domain: escrowDomain(31337, deployment.contracts.OrderEscrow.address),
          types: voucherTypes,
          primaryType: "Voucher",
          message: {
            ...(fields as any),
            amountOff: BigInt(fields.amountOff as string),
            minTotal: BigInt(fields.minTotal as string),
            counter: BigInt(fields.counter as string),
          },
        });
      const publish = async (code: string, fields = voucher(), session = token, signer = alpine) =>
        gql(
          url,
          "mutation($input: PublishVoucherInput!) { publishVoucher(input: $input) { code status digest } }",
          { input: { code, voucher: fields, signature: await signed(fields, signer) } },
          session,
        );
      const published = await publish("api-ten");
      assert.equal(published.errors, undefined, JSON.stringify(published.errors));
      assert.deepEqual(
        [published.data!.publishVoucher.code, published.data!.publishVoucher.status],
        ["API-TEN", "Active"],
      );
      const refusal = (result: any) => [codeOf(result), result.errors?.[0].extensions?.field];
      assert.deepEqual(refusal(await publish("API-TEN")), ["BAD_USER_INPUT", "input.code"]);
      assert.deepEqual(refusal(await publish("API-BAD", voucher(), token, devAccount(15))), [
        "BAD_USER_INPUT",
        "input.signature",
      ]);
      assert.equal(codeOf(await publish("API-STRANGER", voucher(), stranger)), "FORBIDDEN");
      assert.deepEqual(refusal(await publish("API-OLD", voucher({ expiry: chainNow - 1 }))), [
        "BAD_USER_INPUT",
        "input.voucher.expiry",
      ]);
      await publish("API-ADA", voucher({ id: `0x${"7b".repeat(32)}`, buyer: ada.address }));
      await publish("API-SOON", voucher({ id: `0x${"7c".repeat(32)}`, expiry: chainNow + 120 }));

      const coffee = rows.find((row) => row.merchant === alpine.address.toLowerCase() && BigInt(row.token) === 0n)!;
      const textile = rows.find((row) => row.merchant !== alpine.address.toLowerCase())!;
      const shippingCid = "bafkreiabc2lgjcpdmvsagmypdpvtwxwzhxvcv5qvqzllhpqhoq7vwaxvzi";
      const prepare = (listing: Row, voucherCode: string, buyer = grace.address) =>
        gql(
          url,
          "query($input: PrepareOrderInput!) { prepareOrder(input: $input) { subtotal discount total voucher } }",
          {
            input: { buyer, lines: [{ listingId: listing.id, quantity: "1" }], shippingCid, shipTo: "DE", voucherCode },
          },
        );
      const applied = (await prepare(coffee, "api-ten")).data!.prepareOrder;
      assert.equal(BigInt(applied.discount), coffee.price / 10n);
      assert.equal(BigInt(applied.total), coffee.price - coffee.price / 10n);
      assert.equal(applied.voucher.voucher.id, `0x${"7a".repeat(32)}`);
      const why = async (listing: Row, code: string) => {
        const result = await prepare(listing, code);
        assert.equal(result.errors?.[0].extensions?.field, "input.voucherCode", JSON.stringify(result.errors));
        return result.errors![0].message;
      };
      assert.match(await why(textile, "API-TEN"), /API-TEN is another merchant's voucher/);
      assert.match(await why(coffee, "NOPE"), /no voucher NOPE/);
      assert.match(await why(coffee, "API-ADA"), /API-ADA is for another buyer/);
      await chain().increaseTime(600);
      await chain().mine(1);
      // The API reads the chain's clock at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      assert.match(await why(coffee, "API-SOON"), /API-SOON expired at/);
    });

    it("shows the AccessManager's queue: the demo's announced fee rise and the ADMIN acts it executed", async () => {
      const { demo, deployment } = system.ledger;
      const query = `query($status: ScheduledOperationStatus) { scheduledOperations(status: $status, first: 100) {
        totalCount nodes { id nonce caller target contract function role args status executableAt expiresAt
          scheduledAt closedAt txHash } } }`;
      const scheduled = await gql(url, query, { status: "Scheduled" });
      assert.equal(scheduled.errors, undefined, JSON.stringify(scheduled.errors));
      const [feeRise] = scheduled.data!.scheduledOperations.nodes;
      assert.deepEqual(
        [feeRise.contract, feeRise.function, feeRise.args, feeRise.status, feeRise.closedAt],
        ["OrderEscrow", "setFee", [150, getAddress(demo.admin)], "Scheduled", null],
      );
      assert.equal(feeRise.caller, getAddress(demo.admin));
      assert.equal(feeRise.target, getAddress(deployment.contracts.OrderEscrow.address));
      assert.equal(Date.parse(feeRise.expiresAt) - Date.parse(feeRise.executableAt), 7 * 86_400_000);
      const onChain = await chain().publicClient.readContract({
        ...deployment.contracts.AccessManager,
        functionName: "getSchedule",
        args: [feeRise.id],
      });
      assert.equal(Number(onChain) * 1000, Date.parse(feeRise.executableAt), "the chain holds the same schedule");

      const executed = (await gql(url, query, { status: "Executed" })).data!.scheduledOperations;
      assert.ok(executed.nodes.every((op: any) => op.status === "Executed" && op.closedAt !== null));
      const grants = executed.nodes.filter((op: any) => op.function === "grantRole");
      assert.ok(
        grants.some((op: any) => op.role === "ARBITER" && op.args[1] === getAddress(demo.arbiter)),
        "the seed granted ARBITER through the queue",
      );
      assert.ok(
        executed.nodes.some((op: any) => op.contract === "ListingRegistry" && op.function === "setTokenAllowed"),
      );
      const all = (await gql(url, query, {})).data!.scheduledOperations;
      assert.equal(all.totalCount, executed.totalCount + scheduled.data!.scheduledOperations.totalCount);
    });

    it("pages the merchant directory in order of application, all or by status, counting each list", async () => {
      const PAGE = `query($status: MerchantStatus, $after: String) {
        merchants(status: $status, first: 1, after: $after) {
        totalCount nodes { address status } pageInfo { endCursor hasNextPage } } }`;
      for (const status of [null, "Approved"]) {
        const expected = (
          (
            await system.indexing.database.db.execute(
              sql`select address from merchants where ${status === null ? sql`true` : sql`status = ${status}`}
                  order by applied_block, address`,
            )
          ).rows as { address: string }[]
        ).map((row) => row.address);
        assert.ok(expected.length > 1, "the demo has more than a page of merchants");
        const seen: string[] = [];
        for (let after: string | null = null; ; ) {
          const page: any = (await gql(url, PAGE, { status, after })).data!.merchants;
          assert.equal(page.totalCount, expected.length);
          if (status) for (const merchant of page.nodes) assert.equal(merchant.status, status);
          seen.push(...page.nodes.map((merchant: { address: string }) => merchant.address.toLowerCase()));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        assert.deepEqual(seen, expected, `${status ?? "every"} merchant once, in order of application`);
      }
    });

    it("lists every grant, update and revocation newest first, by account or role, a page at a time", async () => {
      const { demo } = system.ledger;
      const member = devAccount(15).address;
      await chain().asAdmin("AccessManager", "grantRole", [77n, member, 0], demo.admin);
      await chain().asAdmin("AccessManager", "grantRole", [77n, member, 30], demo.admin);
      await chain().asAdmin("AccessManager", "revokeRole", [77n, member], demo.admin);
      await system.catchUp();
      const query = `query($account: Address, $roleId: UInt256, $after: String) {
        roleGrantHistory(account: $account, roleId: $roleId, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { kind roleId account since executionDelay blockNumber logIndex txHash at } } }`;
      const first = await gql(url, query, { account: member });
      assert.equal(first.errors, undefined, JSON.stringify(first.errors));
      const page = first.data!.roleGrantHistory;
      assert.equal(page.totalCount, 3);
      assert.ok(page.pageInfo.hasNextPage);
      const rest = (await gql(url, query, { account: member, after: page.pageInfo.endCursor })).data!.roleGrantHistory;
      assert.equal(rest.pageInfo.hasNextPage, false);
      const history = [...page.nodes, ...rest.nodes];
      assert.deepEqual(
        history.map((h: any) => [h.kind, h.roleId, h.account, h.executionDelay]),
        [
          ["revoked", "77", member, null],
          ["updated", "77", member, 30],
          ["granted", "77", member, 0],
        ],
      );
      assert.ok(history[1].since && history[2].since && history[0].since === null);
      assert.ok(history.every((h: any, i: number) => i === 0 || h.blockNumber < history[i - 1].blockNumber));
      await assertBlockTimes(history.map(dated("blockNumber", "at")));

      const auditors = (await gql(url, query, { roleId: ROLES.AUDITOR.toString() })).data!.roleGrantHistory;
      assert.ok(auditors.nodes.some((h: any) => h.account === auditor.address && h.kind === "granted"));
      assert.ok(auditors.nodes.every((h: any) => h.roleId === ROLES.AUDITOR.toString()));
      const revoked = (
        await gql(url, `{ roles(account: "${member}") { active grantedBlock grantedAt revokedBlock revokedAt } }`)
      ).data!.roles[0];
      assert.deepEqual(
        [revoked.active, revoked.grantedBlock, revoked.revokedBlock],
        [false, history[2].blockNumber, history[0].blockNumber],
      );
      assert.deepEqual([revoked.grantedAt, revoked.revokedAt], [history[2].at, history[0].at]);
      assert.equal(codeOf(await gql(url, query, { account: "0x12" })), "BAD_USER_INPUT");
    });
  });

  describe("subscriptions over SSE", () => {
    it("sends an answer whole with its length, a subscription as a stream, a 304 without a body", async () => {
      const post = (accept: string, query: string) =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(10_000), // a stream read whole would never answer
        });
      const answer = await post("application/graphql-response+json", "{ __typename }");
      const body = await answer.text();
      assert.deepEqual(JSON.parse(body), { data: { __typename: "Query" } });
      assert.equal(answer.headers.get("content-length"), String(Buffer.byteLength(body)));
      assert.equal(answer.headers.get("transfer-encoding"), null);

      const stream = await post(
        "text/event-stream",
        `subscription { listingUpdated(id: "0x${"ab".repeat(32)}") { id } }`,
      );
      assert.match(stream.headers.get("content-type") ?? "", /^text\/event-stream/);
      assert.equal(stream.headers.get("transfer-encoding"), "chunked");
      assert.equal(stream.headers.get("content-length"), null);
      await stream.body?.cancel();

      // A body-less answer: 304 Not Modified, to a client holding the cached answer's ETag.
      const cached = "query NotModified { __typename }";
      let etag: string | null = null;
      for (let sighting = 0; sighting < 5 && !etag; sighting++)
        etag = (await post("application/graphql-response+json", cached)).headers.get("etag");
      assert.ok(etag, "a repeated anonymous query is stored by the response cache, which tags it");
      const notModified = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "if-none-match": etag },
        body: JSON.stringify({ query: cached }),
      });
      assert.equal(notModified.status, 304);
      assert.equal(notModified.headers.get("content-type"), null);
      assert.equal(notModified.headers.get("content-length"), null);
    });

    it("sends the buyer the shipped order once indexed (not listing subscribers); refuses everyone else", async () => {
      const orderId = (system.ledger.demo.orders as Record<string, string>).Accepted;
      const [graceToken, adaToken] = [await tokenOf(grace), await tokenOf(ada)];
      const query =
        "subscription($id: UInt256!) { orderUpdated(id: $id) { id status trackingCid timeline { event txHash } } }";
      const stranger = subscribe(url, query, { id: orderId }, adaToken);
      const denied = await stranger.next(1);
      assert.equal(denied.errors?.[0]?.extensions?.code, "FORBIDDEN");
      assert.equal(denied.data ?? null, null);
      await stranger.close();
      const anonymous = subscribe(url, query, { id: orderId });
      assert.equal((await anonymous.next(1)).errors?.[0]?.extensions?.code, "UNAUTHENTICATED");
      await anonymous.close();

      const order = (
        await gql(
          url,
          `{ order(id: "${orderId}") { status merchant { address } terms lines { listingId } } }`,
          undefined,
          graceToken,
        )
      ).data!.order;
      assert.equal(order.status, "Accepted");
      const listingId = order.lines[0].listingId;
      const buyerStream = subscribe(url, query, { id: orderId }, graceToken);
      const listingStream = subscribe(url, "subscription($id: Bytes32!) { listingUpdated(id: $id) { id stock } }", {
        id: listingId,
      });
      // A subscription's response starts once its change feed is armed: nothing to wait for beyond that.
      await Promise.all([buyerStream.started, listingStream.started]);

      const terms = order.terms as StoredOrderTerms;
      const activity = chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
      await activity.send(
        "OrderEscrow",
        "shipOrder",
        [BigInt(orderId), orderTermsFromJson(terms), "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e"],
        order.merchant.address,
      );
      await system.catchUp();
      const shipped = await buyerStream.next(1);
      assert.equal(shipped.errors, undefined, JSON.stringify(shipped.errors));
      assert.equal(shipped.data.orderUpdated.status, "Shipped");
      assert.equal(
        shipped.data.orderUpdated.trackingCid,
        "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e",
      );
      assert.ok(shipped.data.orderUpdated.timeline.some((entry: { event: string }) => /ship/i.test(entry.event)));
      assert.equal(listingStream.payloads.length, 0, "shipping does not change the listing");

      await activity.send("OrderEscrow", "confirmDelivery", [BigInt(orderId), orderTermsFromJson(terms)], terms.buyer);
      await system.catchUp();
      const completed = await buyerStream.next(2);
      assert.equal(completed.data.orderUpdated.status, "Completed");
      const events = completed.data.orderUpdated.timeline.map((entry: { event: string }) => entry.event);
      assert.ok(
        events.length > shipped.data.orderUpdated.timeline.length,
        `every push reads the timeline afresh: ${events}`,
      );
      await Promise.all([buyerStream.close(), listingStream.close()]);
    });
  });

  describe("hardening", () => {
    it("rejects malformed scalars with BAD_USER_INPUT, in literals and variables, never a 500", async () => {
      const prepareOrder = (input: string) =>
        `prepareOrder(input: { buyer: "0x${"0".repeat(39)}1", lines: [], shipTo: "DE", ${input} }) { total }`;
      const shippingCid = "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e";
      const bad: [string, string, unknown][] = [
        ["Address", "merchant(address: $v) { address }", "0x123"],
        ["Bytes32", "listing(id: $v) { id }", "0xzz"],
        ["UInt256", "order(id: $v) { id }", "-1"],
        ["UInt256", "order(id: $v) { id }", (2n ** 256n).toString()],
        ["CID", prepareOrder("shippingCid: $v"), "not-a-cid"],
        ["Timestamp", prepareOrder(`shippingCid: "${shippingCid}", intent: { nonce: "1", deadline: $v }`), "yesterday"],
        ["Address", "merchant(address: $v) { address }", 42],
      ];
      for (const [type, field, value] of bad) {
        const viaVariable = await gql(url, `query($v: ${type}!) { ${field} }`, { v: value });
        assert.equal(
          codeOf(viaVariable),
          "BAD_USER_INPUT",
          `${type} ${JSON.stringify(value)}: ${JSON.stringify(viaVariable.errors)}`,
        );
        assert.ok(viaVariable.status < 500);
        const viaLiteral = await gql(url, `{ ${field.replace("$v", JSON.stringify(value))} }`);
        assert.equal(
          codeOf(viaLiteral),
          "BAD_USER_INPUT",
          `${type} literal ${JSON.stringify(value)}: ${JSON.stringify(viaLiteral.errors)}`,
        );
      }
    });

    it("caps first, and rejects too deep, too aliased and too large queries", async () => {
      const capped = await gql(url, "{ listings(first: 1000) { totalCount } }");
      assert.equal(codeOf(capped), "BAD_USER_INPUT");
      assert.equal(capped.errors![0].extensions!.field, "first");
      const deep = await gql(
        url,
        `{ listings { nodes { merchant { listings { nodes { merchant { listings { nodes { merchant {
          listings { nodes { id } } } } } } } } } } } }`,
      );
      assert.match(deep.errors![0].message, /depth/i);
      const aliases = await gql(
        url,
        `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: syncStatus { indexedBlock }`).join(" ")} }`,
      );
      assert.match(aliases.errors![0].message, /alias/i);
      const big = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ syncStatus { indexedBlock } } #${"x".repeat(30_000)}` }),
      });
      assert.equal(big.status, 413);
    });

    it("prices shipping from the listing's signed document and refuses a country it does not ship to", async () => {
      const { listings } = (
        await gql(
          url,
          `{ listings(search: "Yirgacheffe") { nodes { id price shipping { regions { country cost } returnPolicy {
            accepted windowDays buyerPaysReturnShipping } } } } }`,
        )
      ).data!;
      const [coffee] = listings.nodes;
      assert.deepEqual(coffee.shipping, {
        regions: ["AT", "DE", "FI", "GB", "NL", "SE"].map((country) => ({
          country,
          cost: { FI: "3000000000000000", GB: "4000000000000000" }[country] ?? "0",
        })),
        returnPolicy: { accepted: true, windowDays: 30, buyerPaysReturnShipping: true },
      });
      const prepare = (shipTo: string) =>
        gql(url, "query($input: PrepareOrderInput!) { prepareOrder(input: $input) { shipping total request } }", {
          input: {
            buyer: ada.address,
            lines: [{ listingId: coffee.id, quantity: "1" }],
            shippingCid: "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e",
            shipTo,
          },
        });
      const toLondon = (await prepare("GB")).data!.prepareOrder;
      assert.equal(toLondon.shipping, "4000000000000000");
      assert.equal(BigInt(toLondon.total), BigInt(coffee.price) + 4_000_000_000_000_000n);
      assert.deepEqual([toLondon.request.shipping, toLondon.request.maxTotal], [toLondon.shipping, toLondon.total]);
      assert.equal((await prepare("DE")).data!.prepareOrder.shipping, "0", "free within the EU");
      for (const [shipTo, message] of [
        ["US", "input.shipTo: the merchant does not ship line 1 to US; it ships to AT, DE, FI, GB, NL, SE"],
        ["de", "input.shipTo: must be an ISO 3166-1 alpha-2 country code such as DE"],
      ]) {
        const refused = await prepare(shipTo);
        assert.equal(codeOf(refused), "BAD_USER_INPUT");
        assert.equal(refused.errors![0].extensions!.field, "input.shipTo");
        assert.equal(refused.errors![0].message, message);
      }
      const demoOrder = (system.ledger.demo.orders as Record<string, string>).Placed;
      const { order } = (
        await gql(url, `{ order(id: "${demoOrder}") { shipping total } }`, undefined, await tokenOf(ada))
      ).data!;
      assert.equal(order.shipping, "4000000000000000", "the demo's orders go to London");
    });

    it("prepares an order from current listing rows at the chain's time, refusing more than the stock", async () => {
      // A listing published after the demo seed moved the chain 8 days ahead of the wall clock: valid from the
      // chain's time.
      const row = rows
        .filter((r) => r.token !== "0x0000000000000000000000000000000000000000" && r.remaining > 1n)
        .sort((a, b) => b.publishedBlock - a.publishedBlock)[0];
      const input = {
        buyer: ada.address,
        lines: [{ listingId: row.id, quantity: "2" }],
        shippingCid: "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e",
        shipTo: "DE",
      };
      const query =
        "query($input: PrepareOrderInput!) { prepareOrder(input: $input) { total value token request typedData } }";
      const chainNow = Number(
        (await chainActivity(system.ledger.rpcUrl, system.ledger.deployment).publicClient.getBlock()).timestamp,
      );
      assert.ok(chainNow > Date.now() / 1000 + 86_400, "the demo's chain runs ahead of the wall clock");
      const wallHourAhead = new Date(Date.now() + 3_600_000).toISOString();
      const expired = await gql(url, query, { input: { ...input, intent: { nonce: "7", deadline: wallHourAhead } } });
      assert.equal(codeOf(expired), "BAD_USER_INPUT", "a deadline the contract would find past is refused");
      assert.equal(expired.errors![0].extensions!.field, "input.intent.deadline");
      const deadline = new Date((chainNow + 3_600) * 1000).toISOString();
      const prepared = (await gql(url, query, { input: { ...input, intent: { nonce: "7", deadline } } })).data!
        .prepareOrder;
      assert.equal(BigInt(prepared.total), row.price * 2n);
      assert.equal(prepared.value, "0");
      assert.equal(prepared.typedData.primaryType, "OrderIntent");
      assert.equal(prepared.typedData.message.request.maxTotal, prepared.total);
      const tooMany = await gql(url, query, {
        input: { ...input, lines: [{ listingId: row.id, quantity: (row.remaining + 1n).toString() }] },
      });
      assert.equal(codeOf(tooMany), "BAD_USER_INPUT");
      assert.equal(tooMany.errors![0].extensions!.field, "input.lines[0].quantity");
    });

    it("rate-limits per client with RATE_LIMITED and Retry-After", async () => {
      const limited = await startTestApi(system.indexing.database, { RATE_LIMIT_PER_MINUTE: "3" });
      try {
        const statuses = [];
        for (let i = 0; i < 5; i++) statuses.push(await gql(limited.graphqlUrl, "{ syncStatus { indexedBlock } }"));
        assert.deepEqual(
          statuses.map((s) => s.status),
          [200, 200, 200, 429, 429],
        );
        assert.equal(codeOf(statuses[3]), "RATE_LIMITED");
      } finally {
        await limited.close();
      }
    });

    it("answers /health and /ready, and syncStatus reports the indexed block and the head", async () => {
      assert.equal((await fetch(`${api.url}/health`)).status, 200);
      // Ready once the replica's search index has loaded too (503 while it loads, as a load balancer should see).
      let ready = await fetch(`${api.url}/ready`);
      for (let tries = 0; ready.status === 503 && tries < 100; tries++) {
        const body = (await ready.json()) as { indexedBlock?: number | null; searchIndexLoaded?: boolean };
        assert.deepEqual([body.indexedBlock !== null, body.searchIndexLoaded], [true, false], JSON.stringify(body));
        await new Promise((resolve) => setTimeout(resolve, 100));
        ready = await fetch(`${api.url}/ready`);
      }
      assert.equal(ready.status, 200);
      assert.equal(((await ready.json()) as { searchIndexLoaded: boolean }).searchIndexLoaded, true);
      const status = (await gql(url, "{ syncStatus { indexedBlock headBlock lag } }")).data!.syncStatus;
      assert.equal(status.lag, status.headBlock - status.indexedBlock);
    });
  });

  productTraceSuite(() => system);
  orderTrackingSuite(() => system);
  merchantOrdersSuite(() => system);
  webhooksSuite(() => system);
  ordersWatchSuite(() => system);
  exportProofsSuite(() => system); // last: it reorganises the chain
});
