import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import {
  createPublicClient,
  createWalletClient,
  http,
  parseEther,
  parseEventLogs,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { encryptShippingDetails } from "../../sdk/crypto/shipping.ts";
import { voucherFromJson } from "../../sdk/order-terms.ts";
import { readDeployment } from "../../sdk/deployments.ts";
import type { OrderTerms } from "../../sdk/eip712.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { ApiError, GraphqlClient } from "../../scripts/merchant/lib/graphql.ts";
import { runCli, startLocalSystem } from "./system.ts";
import { freePort } from "../helpers/ports.ts";
import { until } from "../helpers/until.ts";
import type { PreparedOrder } from "../../web/src/lib/checkout/prepare-order.ts";

// Hardhat's public development accounts: 0 admin, 1 registrar, 2 buyer, 3 arbiter, 4 auditor, 5 another applicant.
const MNEMONIC = "test test test test test test test test test test test junk";
const [admin, registrar, buyer, arbiter, auditor, applicant] = [0, 1, 2, 3, 4, 5].map((addressIndex) =>
  mnemonicToAccount(MNEMONIC, { addressIndex }),
);
const keyOf = (account: typeof admin) => toHex(account.getHdKey().privateKey!);
const SHIPPING = {
  recipient: "Grace Hopper",
  addressLines: ["1 Navy Yard"],
  city: "Arlington",
  postalCode: "22202",
  country: "US",
};
const PRODUCTS = 50;

const ports = { chain: await freePort(), ipfs: await freePort(), ipfsRpc: await freePort() };

describe("a merchant's and a buyer's journey through the CLI, the chain and the GraphQL API", () => {
  const system = startLocalSystem(ports, { POLL_INTERVAL_MS: "200" });
  const work = join(system.dataDir, "work");
  const env = {
    ...process.env,
    RPC_URL: system.rpcUrl,
    IPFS_API_URL: system.ipfsApiUrl,
    // The CLI finds npm start's IPFS RPC token in DATA_DIR, as in the README's journeys.
    DATA_DIR: system.dataDir,
    API_URL: system.graphqlUrl,
    DEPLOYMENTS_DIR: system.deploymentsDir,
    MERCHANT_KEYSTORE: join(system.dataDir, "merchant", "keystore.json"),
    MERCHANT_PASSWORD: "correct horse battery staple",
    LOG_LEVEL: "warn",
  };
  const merchant = (...args: string[]) => runCli(args, env);
  const asKey = (account: typeof admin, ...args: string[]) =>
    runCli(args, { ...env, MERCHANT_PRIVATE_KEY: keyOf(account) });
  const ok = async (result: Promise<{ code: number | null; stdout: string; stderr: string }>) => {
    const { code, stdout, stderr } = await result;
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout);
  };
  const json = (...args: string[]) => ok(merchant("--json", ...args));
  const client = createPublicClient({ transport: http(system.rpcUrl) });
  const api = new GraphqlClient(system.graphqlUrl); // anonymous: the storefront's view
  const asBuyer = new GraphqlClient(system.graphqlUrl);
  const ipfs = new IpfsClient({ url: system.ipfsApiUrl, auth: system.ipfsApiAuth(), timeoutMs: 5000, maxBytes: 1e6 });
  let contracts: ReturnType<typeof readDeployment>["contracts"];
  let merchantAddress: Address;
  let listingIds: Hex[] = [];

  const send = async (account: typeof admin, functionName: string, args: unknown[], value?: bigint) => {
    const hash = await createWalletClient({ account, transport: http(system.rpcUrl) }).writeContract({
      ...contracts.OrderEscrow,
      functionName,
      args,
      value,
      chain: null,
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success", functionName);
    return receipt;
  };
  const orderStatus = (orderId: bigint) =>
    asBuyer
      .request<{ order: { status: string } }>("query($id: UInt256!) { order(id: $id) { status } }", {
        id: String(orderId),
      })
      .then(
        ({ order }) => order.status,
        (error: unknown) =>
          error instanceof ApiError && error.code === "NOT_FOUND" ? "not indexed yet" : Promise.reject(error),
      );
  const untilStatus = (orderId: bigint, status: string) =>
    until(
      `order ${orderId}`,
      () => orderStatus(orderId),
      (s) => s === status,
    );
  const stockOf = async (listingId: Hex) =>
    (
      await api.request<{ listing: { stock: string } }>("query($id: Bytes32!) { listing(id: $id) { stock } }", {
        id: listingId,
      })
    ).listing.stock;

  /**
   * What a storefront does: the merchant's key from the API, sealed shipping details on IPFS, prepareOrder,
   * then the buyer's wallet sends it.
   */
  async function buy(
    listingId: Hex,
    quantity: number,
    voucherCode?: string,
  ): Promise<{ orderId: bigint; terms: OrderTerms }> {
    const { merchant: m } = await api.request<{ merchant: { profile: { encryptionPublicKey: string } } }>(
      "query($a: Address!) { merchant(address: $a) { profile { encryptionPublicKey } } }",
      { a: merchantAddress },
    );
    const sealed = encryptShippingDetails(Buffer.from(m.profile.encryptionPublicKey, "base64url"), SHIPPING);
    const shippingCid = (await ipfs.add(new TextEncoder().encode(JSON.stringify(sealed)))).toString();
    const { prepareOrder } = await api.request<{
      prepareOrder: {
        value: string;
        escrow: Address;
        request: PreparedOrder["request"];
        voucher: { voucher: Record<string, string | number>; signature: Hex } | null;
      };
    }>("query($input: PrepareOrderInput!) { prepareOrder(input: $input) { value escrow request voucher } }", {
      input: {
        buyer: buyer.address,
        lines: [{ listingId, quantity: String(quantity) }],
        shippingCid,
        shipTo: SHIPPING.country,
        voucherCode,
      },
    });
    assert.equal(prepareOrder.escrow.toLowerCase(), contracts.OrderEscrow.address.toLowerCase());
    const { request } = prepareOrder;
    const args = {
      lines: request.lines.map((l) => ({ listingId: l.listingId, quantity: BigInt(l.quantity) })),
      token: request.token,
      maxTotal: BigInt(request.maxTotal),
      shippingCid: request.shippingCid,
      shipping: BigInt(request.shipping),
    };
    const signed = prepareOrder.voucher;
    const receipt = signed
      ? await send(
          buyer,
          "placeOrderWithVoucher",
          [args, { voucher: voucherFromJson(signed.voucher), signature: signed.signature }],
          BigInt(prepareOrder.value),
        )
      : await send(buyer, "placeOrder", [args], BigInt(prepareOrder.value));
    const [placed] = parseEventLogs({
      abi: contracts.OrderEscrow.abi as Abi,
      logs: receipt.logs,
      eventName: "OrderPlaced",
    }) as unknown as { args: { orderId: bigint; terms: OrderTerms } }[];
    return placed.args;
  }

  before(async () => {
    await system.ready;
    contracts = readDeployment(31337, system.deploymentsDir).contracts;
    mkdirSync(work, { recursive: true });
    const colours = [
      [200, 80, 40],
      [40, 160, 90],
      [60, 90, 220],
    ];
    for (const [i, [r, g, b]] of colours.entries())
      await sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g, b } } })
        .jpeg()
        .toFile(join(work, `p${i}.jpg`));
    const rows = Array.from({ length: PRODUCTS }, (_, i) => {
      const sku = i + 1;
      return (
        `${sku},Tea bowl ${sku},"Wood-fired, no. ${sku}",Home > Kitchen > Bowls,p${sku % 3}.jpg,` +
        `0.${String(sku).padStart(2, "0")},${sku + 5},DE|US,US=0.01,Kiln=Anagama|Batch=${sku}`
      );
    });
    writeFileSync(
      join(work, "products.csv"),
      "sku,title,description,category,images,price,quantity,shipping_regions,shipping_costs,attributes\n" +
        `${rows.join("\n")}\n`,
    );
    writeFileSync(
      join(work, "bad.csv"),
      "sku,title,description,category,images,price,quantity,shipping_regions,shipping_costs,attributes\n" +
        "1,Mug,,Home,p1.jpg,1.5,3,DE,,\n" +
        "2,Bowl,,Home,missing.jpg,2,0,Germany,,\n" +
        "3,Cup,,Home,p1.jpg,1,3,DE,FR=1|DE=0.0000000000000000001,\n",
    );
    writeFileSync(
      join(work, "profile.yaml"),
      "name: Kiln Works\ndescription: Wood-fired tea bowls\nlogo:\n  file: p0.jpg\n  alt: Kiln Works logo\n",
    );
    writeFileSync(join(work, "applicant.yaml"), "name: Late Applicant\ndescription: Incomplete papers\n");
  });
  after(() => system.stop());

  it("init creates an encrypted keystore, never prints a private key, and never overwrites one", async () => {
    const result = await json("init");
    merchantAddress = result.address;
    assert.match(readFileSync(env.MERCHANT_KEYSTORE, "utf8"), /"ciphertext"/);
    assert.doesNotMatch(JSON.stringify(result), /privateKey|[0-9a-f]{64}/i);
    const again = await merchant("init");
    assert.equal(again.code, 1);
  });

  it("refuses to run without the keystore password, saying which variable is missing", async () => {
    const { MERCHANT_PASSWORD: _, ...withoutPassword } = env;
    const result = await runCli(["status"], withoutPassword);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /MERCHANT_PASSWORD: is not set/);
  });

  it("an unauthorised action is refused with the decoded custom error", async () => {
    const result = await merchant("admin", "approve", merchantAddress);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`AccessManagedUnauthorized: ${merchantAddress} lacks the role`));
  });

  it("a merchant applies, a registrar approves; roles pass the admin's queue: scheduled, then executed", async () => {
    const wallet = createWalletClient({ account: admin, transport: http(system.rpcUrl) });
    await client.waitForTransactionReceipt({
      hash: await wallet.sendTransaction({ to: merchantAddress, value: parseEther("10"), chain: null }),
    });
    assert.equal((await json("apply", join(work, "profile.yaml"))).status, "Applied");
    for (const [role, account] of [
      ["REGISTRAR", registrar],
      ["ARBITER", arbiter],
      ["AUDITOR", auditor],
    ] as const) {
      const scheduled = await ok(asKey(admin, "--json", "admin", "grant-role", role, account.address));
      assert.equal(scheduled.status, "scheduled", "the stack's admin has a one-second delay");
      assert.match(scheduled.operationId, /^0x[0-9a-f]{64}$/);
      if (role === "REGISTRAR") {
        const early = await asKey(registrar, "admin", "approve", merchantAddress);
        assert.equal(early.code, 1, "a scheduled grant gives nothing yet");
        assert.match(early.stderr, /AccessManagedUnauthorized/);
      }
      assert.equal((await ok(asKey(admin, "--json", "admin", "grant-role", role, account.address))).status, "executed");
    }
    assert.equal((await ok(asKey(registrar, "--json", "admin", "approve", merchantAddress))).status, "Approved");
  });

  it("media add stores images and thumbnails; refuses a non-image, named as typed in npm run's directory", async () => {
    writeFileSync(join(work, "notes.jpg"), "not an image");
    const startedInWork = (...args: string[]) =>
      runCli(args, { ...env, npm_lifecycle_event: "merchant", INIT_CWD: work });
    const [images, refused] = await Promise.all([
      json("media", "add", join(work, "p1.jpg"), join(work, "p2.jpg"), "--alt", "A bowl"),
      startedInWork("media", "add", "notes.jpg"),
    ]);
    assert.equal(images.length, 2);
    assert.equal(images[0].mediaType, "image/jpeg");
    assert.notEqual(images[0].thumbnail.cid, images[0].cid);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /notes\.jpg must be a JPEG, PNG or WebP image/);
  });

  it("media add with a wrong IPFS credential, or none, is refused by the RPC and stores nothing", async () => {
    const pinsBefore = (await ipfs.pins()).length;
    writeFileSync(join(work, "other.jpg"), await sharp(join(work, "p0.jpg")).rotate(90).jpeg().toBuffer());
    for (const auth of [{ IPFS_API_AUTH: "bearer:not-the-token-of-this-node" }, { DATA_DIR: join(work, "nowhere") }]) {
      const refused = await runCli(["media", "add", join(work, "other.jpg")], { ...env, ...auth });
      assert.equal(refused.code, 1, JSON.stringify(auth));
      assert.match(refused.stderr, /missing or wrong Authorization/, JSON.stringify(auth));
    }
    assert.equal((await ipfs.pins()).length, pinsBefore);
  });

  it("a CSV with bad rows names each line and field, exits non-zero and publishes nothing", async () => {
    const result = await merchant("listing", "import", join(work, "bad.csv"));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /nothing was published/);
    assert.match(result.stderr, /line 3: quantity: must be a whole number of at least 1/);
    assert.match(result.stderr, /line 3: shipping_regions\.0: must be an ISO 3166-1 alpha-2 code/);
    assert.match(result.stderr, /line 3: images: missing\.jpg does not exist/);
    assert.match(result.stderr, /line 4: shipping_costs\.FR: FR is not one of shipping_regions/);
    assert.match(
      result.stderr,
      /line 4: shipping_costs\.DE: must be a positive decimal amount with at most 18 decimals/,
    );
    assert.equal(
      (await client.getContractEvents({ ...contracts.ListingRegistry, eventName: "ListingPublished", fromBlock: 0n }))
        .length,
      0,
    );
  });

  it(`imports a CSV of ${PRODUCTS} products, and the API lists every one`, async () => {
    const result = await json("listing", "import", join(work, "products.csv"), "--batch", "25");
    assert.equal(result.published.length, PRODUCTS);
    listingIds = result.published.map((p: { listingId: Hex }) => p.listingId);
    const query = "query($a: Address!) { merchant(address: $a) { listings(first: 1) { totalCount } } }";
    await until(
      "the merchant's listings in the API",
      () => api.request<{ merchant: { listings: { totalCount: number } } }>(query, { a: merchantAddress }),
      (r) => r.merchant.listings.totalCount === PRODUCTS,
    );
    assert.equal((await json("listing", "list")).length, PRODUCTS);
  });

  let order: { orderId: bigint; terms: OrderTerms };

  it("a buyer signs in, orders through prepareOrder, and sees it Placed; the listing's stock goes down", async () => {
    await asBuyer.signIn(buyer);
    order = await buy(listingIds[6], 2); // SKU 7: 12 in stock at 0.07, shipped to the US for 0.01
    assert.equal(order.terms.total, parseEther("0.15"));
    await untilStatus(order.orderId, "Placed");
    await until(
      "stock of SKU 7",
      () => stockOf(listingIds[6]),
      (stock) => stock === "10",
    );
    const shown = await merchant("orders", "show", String(order.orderId));
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /Grace Hopper, 1 Navy Yard, 22202 Arlington, US/);
    assert.match(
      shown.stdout,
      /shipping +0\.01 \S+ charged: reject the order \(a full refund\) if it is not your rate to US/,
    );
    const listed = await json("orders", "list", "--status", "placed");
    assert.deepEqual(
      listed.map((o: { orderId: string }) => o.orderId),
      [String(order.orderId)],
    );
  });

  it("an unknown order id is a clear error", async () => {
    const result = await merchant("orders", "show", "999");
    assert.equal(result.code, 1);
    assert.match(result.stderr, /order 999: no such order/);
  });

  it("the merchant accepts and ships; the buyer sees Shipped, confirms, and sees Completed", async () => {
    assert.equal((await json("orders", "accept", String(order.orderId))).status, "Accepted");
    assert.equal(
      (await json("orders", "ship", String(order.orderId), "--carrier", "UPS", "--tracking", "1Z999")).status,
      "Shipped",
    );
    await untilStatus(order.orderId, "Shipped");
    const { order: seen } = await asBuyer.request<{
      order: {
        terms: {
          buyer: Address;
          merchant: Address;
          token: Address;
          total: string;
          feeBps: number;
          lines: { listingId: Hex; quantity: string }[];
        };
      };
    }>("query($id: UInt256!) { order(id: $id) { terms } }", { id: String(order.orderId) });
    const terms = {
      ...seen.terms,
      total: BigInt(seen.terms.total),
      lines: seen.terms.lines.map((l) => ({ ...l, quantity: BigInt(l.quantity) })),
    };
    await send(buyer, "confirmDelivery", [order.orderId, terms]);
    await untilStatus(order.orderId, "Completed");
  });

  it("the merchant's sales show the completed order, and withdraw pays out exactly what was settled", async () => {
    const query = "query($a: Address!) { merchant(address: $a) { sales { orders completed gross settled } } }";
    const { merchant: m } = await until(
      "merchant sales",
      () =>
        api.request<{ merchant: { sales: { orders: number; completed: number; gross: string; settled: string }[] } }>(
          query,
          { a: merchantAddress },
        ),
      (r) => r.merchant.sales[0]?.completed === 1,
    );
    assert.deepEqual(m.sales[0], {
      orders: 1,
      completed: 1,
      gross: parseEther("0.15").toString(),
      settled: ((parseEther("0.15") * 99n) / 100n).toString(),
    });
    assert.equal((await json("withdraw")).amount, m.sales[0].settled);
    const again = await merchant("withdraw");
    assert.equal(again.code, 1);
    assert.match(again.stderr, /OrderEscrowNothingToWithdraw: .* has no balance to withdraw/);
  });

  it("a voucher: created, listed, applied at checkout by its code, refused below its minimum or revoked", async () => {
    const created = await json("voucher", "create", "--code", "spring10", "--percent", "10", "--min-total", "0.1");
    assert.deepEqual([created.code, created.bpsOff, created.status], ["SPRING10", 1000, "Active"]);
    const prepare = (quantity: number, voucherCode: string) =>
      asBuyer.request("query($input: PrepareOrderInput!) { prepareOrder(input: $input) { subtotal discount total } }", {
        input: {
          buyer: buyer.address,
          lines: [{ listingId: listingIds[6], quantity: String(quantity) }],
          shippingCid: "bafkreiabc2lgjcpdmvsagmypdpvtwxwzhxvcv5qvqzllhpqhoq7vwaxvzi",
          shipTo: "US",
          voucherCode,
        },
      });
    await assert.rejects(prepare(1, "SPRING10"), /voucherCode.*needs a subtotal of at least 100000000000000000/);
    await assert.rejects(prepare(2, "WINTER"), /voucherCode.*no voucher WINTER/);
    const discounted = await buy(listingIds[6], 2, "spring10"); // SKU 7 at 0.07: 0.14 less 10 %, 0.01 shipping
    assert.equal(discounted.terms.total, parseEther("0.136"));
    await until(
      "the voucher's first use",
      () => json("voucher", "list"),
      (vouchers) => vouchers[0].uses === 1,
    );
    await send(buyer, "cancelOrder", [discounted.orderId, discounted.terms]);

    assert.equal((await json("voucher", "revoke", "SPRING10")).code, "SPRING10");
    await until(
      "the voucher's revocation",
      () => json("voucher", "list"),
      (vouchers) => vouchers[0].status === "Revoked",
    );
    await assert.rejects(prepare(2, "SPRING10"), /voucherCode.*SPRING10 was revoked by the merchant/);
  });

  it("status shows head, indexer lag, pending orders; reject, partial and full refunds, a ruled dispute", async () => {
    const [rejected, refunded, disputed] = [
      await buy(listingIds[9], 1),
      await buy(listingIds[7], 1),
      await buy(listingIds[8], 1),
    ];
    const ids = [rejected, refunded, disputed].map((o) => String(o.orderId));
    await untilStatus(disputed.orderId, "Placed");
    const [status, withoutApi] = await Promise.all([
      json("status"),
      ok(runCli(["--json", "status"], { ...env, API_URL: `http://127.0.0.1:${ports.chain}/nothing-here` })),
    ]);
    assert.equal(status.reads, "api");
    assert.ok(Number(status.block) > 0 && typeof status.indexer.lag === "number", JSON.stringify(status.indexer));
    assert.deepEqual(
      status.openOrders.map((o: { orderId: string }) => o.orderId),
      ids,
    );
    assert.equal(withoutApi.reads, "chain", "falls back to chain logs when the API does not answer");
    assert.equal(withoutApi.indexer, undefined);
    assert.deepEqual(withoutApi.openOrders, status.openOrders);

    const [outsider, reject] = await Promise.all([
      asKey(registrar, "orders", "accept", ids[0]),
      json("orders", "reject", ids[0], "--reason", "Out of stock"),
    ]);
    assert.equal(outsider.code, 1);
    assert.match(outsider.stderr, /OrderEscrowNotMerchant/);
    assert.equal(reject.status, "Rejected");

    await json("orders", "accept", ids[1]);
    const part = await json("orders", "refund", ids[1], "--amount", "0.02", "--reason", "Chipped rim");
    assert.equal(part.status, "Accepted");
    assert.equal((await json("orders", "refund", ids[1], "--all", "--reason", "Lost in the kiln")).status, "Refunded");

    await json("orders", "accept", ids[2]);
    await json("orders", "ship", ids[2], "--carrier", "UPS", "--tracking", "1Z998");
    const evidenceCid = (await ipfs.add(new TextEncoder().encode('{"text":"arrived broken"}'))).toString();
    await send(buyer, "disputeOrder", [disputed.orderId, evidenceCid]);
    const ruled = await ok(
      asKey(
        arbiter,
        "--json",
        "arbiter",
        "rule",
        ids[2],
        "--buyer-amount",
        "0.05",
        "--ruling",
        "Split: packed too loosely",
      ),
    );
    assert.equal(ruled.buyerAmount, parseEther("0.05").toString());
    await untilStatus(disputed.orderId, "Resolved");
    assert.equal(await orderStatus(rejected.orderId), "Rejected");
    assert.equal(await orderStatus(refunded.orderId), "Refunded");
  });

  it("updates a listing's price as a new version, sets stock, cancels one listing, then every signed one", async () => {
    const updated = await json("listing", "update", "5", "--price", "1.25");
    assert.equal(updated.version, "2");
    assert.equal(updated.supersedes, listingIds[4]);
    assert.equal((await json("stock", "set", "5", "2")).remaining, "2");
    assert.equal((await json("listing", "cancel", "1")).listingId, listingIds[0]);
    await until(
      "listing 1 cancelled",
      () =>
        api.request<{ listing: { status: string } }>("query($id: Bytes32!) { listing(id: $id) { status } }", {
          id: listingIds[0],
        }),
      (r) => r.listing.status === "Cancelled",
    );
    assert.equal((await json("listing", "cancel-all")).counter, "1");
  });

  it("traces items: register, record and correct an event, transform, aggregate, hand off, attest", async () => {
    const [item, lot, crate] = [
      "urn:epc:id:sgtin:0614141.107346.2018",
      "urn:epc:id:lgtin:0614141.107346.CLAY7",
      "urn:epc:id:sscc:0614141.1234567890",
    ];
    const registered = await json("provenance", "register", item, lot, crate, "--listing", "3");
    const itemId = registered.items[0].itemId as Hex;
    const where = ["--biz-step", "packing", "--disposition", "in_progress", "--step", "inspected"];
    const recorded = await json(
      "provenance",
      "record",
      item,
      ...where,
      "--location",
      "urn:epc:id:sgln:0614141.00002.0",
      "--description",
      "Packed in a gift box",
      "--country",
      "NO",
    );
    const corrected = await json(
      "provenance",
      "correct",
      String(recorded.eventId),
      item,
      ...where,
      "--location",
      "urn:epc:id:sgln:0614141.00003.0",
      "--description",
      "Correction: second workshop",
    );
    assert.equal(String(corrected.corrects), String(recorded.eventId));
    const transformed = await json(
      "provenance",
      "transform",
      "--inputs",
      lot,
      "--outputs",
      "urn:epc:id:lgtin:0614141.107346.BOWL7",
      "--description",
      "Thrown and fired",
    );
    assert.equal(transformed.outputs.length, 1);
    assert.equal((await json("provenance", "aggregate", crate, item)).items[0], itemId);
    await json("provenance", "handoff", crate, buyer.address);
    const hash = await createWalletClient({ account: buyer, transport: http(system.rpcUrl) }).writeContract({
      ...contracts.Provenance,
      functionName: "acceptHandoff",
      args: [registered.items[2].itemId],
      chain: null,
    });
    await client.waitForTransactionReceipt({ hash });
    await ok(asKey(auditor, "--json", "auditor", "attest", item, "--statement", "Clay origin certificate checked"));
    const query = `query($id: Bytes32!) { provenance(itemId: $id) {
      events { id corrections { id } } attestations { auditor } containers { action } } }`;
    const { provenance } = await until(
      "the item's trace in the API",
      () =>
        asBuyer.request<{
          provenance: {
            events: { id: string; corrections: { id: string }[] }[];
            attestations: { auditor: Address }[];
            containers: unknown[];
          };
        }>(query, { id: itemId }),
      (r) => r.provenance.attestations.length === 1,
    );
    assert.equal(provenance.attestations[0].auditor, auditor.address);
    assert.equal(provenance.events.find((e) => e.id === String(recorded.eventId))?.corrections.length, 1);
    assert.ok(provenance.containers.length >= 1);
  });

  it("the registrar rejects an applicant, suspends a merchant and reinstates it", async () => {
    const applicantEnv = {
      ...env,
      MERCHANT_PRIVATE_KEY: keyOf(applicant),
      MERCHANT_ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
    };
    assert.equal((await ok(runCli(["--json", "apply", join(work, "applicant.yaml")], applicantEnv))).status, "Applied");
    assert.equal(
      (await ok(asKey(registrar, "--json", "admin", "reject", applicant.address, "--reason", "Incomplete documents")))
        .status,
      "Rejected",
    );
    assert.equal(
      (await ok(asKey(registrar, "--json", "admin", "suspend", merchantAddress, "--reason", "Complaints under review")))
        .status,
      "Suspended",
    );
    assert.equal((await ok(asKey(registrar, "--json", "admin", "reinstate", merchantAddress))).status, "Approved");
  });
});
