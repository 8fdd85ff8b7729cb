import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { createPublicClient, createWalletClient, http, parseEther, parseEventLogs, type Abi, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { encryptShippingDetails } from "../../sdk/crypto/shipping.ts";
import { readDeployment } from "../../sdk/deployments.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { freePort, runCli, startLocalSystem } from "./system.ts";

// Hardhat's public development accounts: 0 is the admin, 1 becomes the registrar, 2 the buyer.
const MNEMONIC = "test test test test test test test test test test test junk";
const [admin, registrar, buyer] = [0, 1, 2].map((addressIndex) => mnemonicToAccount(MNEMONIC, { addressIndex }));
const ADMIN_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const REGISTRAR_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const SHIPPING = { recipient: "Ada Lovelace", addressLines: ["12 St James's Square"], city: "London", postalCode: "SW1Y 4JH", country: "GB" };

const ports = { chain: await freePort(), ipfs: await freePort() };

describe("merchant CLI against a local chain and IPFS node", () => {
  const system = startLocalSystem(ports);
  const work = join(system.dataDir, "work");
  const env = {
    ...process.env,
    RPC_URL: system.rpcUrl,
    IPFS_API_URL: system.ipfsApiUrl,
    DEPLOYMENTS_DIR: system.deploymentsDir,
    MERCHANT_KEYSTORE: join(system.dataDir, "merchant", "keystore.json"),
    MERCHANT_PASSWORD: "correct horse battery staple",
    LOG_LEVEL: "warn",
  };
  const merchant = (...args: string[]) => runCli(args, env);
  const asKey = (key: string, ...args: string[]) => runCli(args, { ...env, MERCHANT_PRIVATE_KEY: key });
  const json = async (...args: string[]) => {
    const result = await merchant("--json", ...args);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout);
  };
  const client = createPublicClient({ transport: http(system.rpcUrl) });
  const wallet = (account: typeof admin) => createWalletClient({ account, transport: http(system.rpcUrl) });
  let merchantAddress: Address;
  let contracts: ReturnType<typeof readDeployment>["contracts"];
  let listingIds: Hex[] = [];
  let order: { orderId: bigint; terms: unknown };

  const publishedCount = async () =>
    (await client.getContractEvents({ ...contracts.ListingRegistry, eventName: "ListingPublished", fromBlock: 0n })).length;
  const escrowWrite = async (functionName: string, args: unknown[], value?: bigint) => {
    const hash = await wallet(buyer).writeContract({ ...contracts.OrderEscrow, functionName, args, value, chain: null });
    return client.waitForTransactionReceipt({ hash });
  };

  before(async () => {
    await system.ready;
    contracts = readDeployment(31337, system.deploymentsDir).contracts;
    mkdirSync(work, { recursive: true });
    const header = "sku,title,description,category,images,price,quantity,shipping_regions,attributes";
    const rows = [];
    for (let sku = 1; sku <= 20; sku++) {
      await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: sku * 12, g: 120, b: 255 - sku * 10 } } }).jpeg().toFile(join(work, `p${sku}.jpg`));
      rows.push(`${sku},Product ${sku},"Hand-made, batch ${sku}",Home > Kitchen,p${sku}.jpg,0.${sku},${sku + 2},DE|AT,Batch=${sku}`);
    }
    writeFileSync(join(work, "products.csv"), `${header}\n${rows.join("\n")}\n`);
    writeFileSync(join(work, "bad.csv"), `${header}\n1,Mug,,Home,p1.jpg,1.5,3,DE,\n2,Bowl,,Home,missing.jpg,2,0,Germany,\n`);
    writeFileSync(join(work, "profile.yaml"), "name: Fjord Ceramics\ndescription: Stoneware from Bergen\nwebsite: https://fjord.example\nlogo:\n  file: p1.jpg\n  alt: Fjord logo\n");
  });
  after(() => system.stop());

  it("init creates an encrypted keystore and never prints a private key", async () => {
    const result = await json("init");
    merchantAddress = result.address;
    const stored = readFileSync(env.MERCHANT_KEYSTORE, "utf8");
    assert.match(stored, /"ciphertext"/);
    assert.doesNotMatch(JSON.stringify(result), /privateKey|[0-9a-f]{64}/i);
    assert.equal((await merchant("init")).code, 1, "a second init must not overwrite the keystore");
  });

  it("refuses to run without the keystore password, saying which variable is missing", async () => {
    const { MERCHANT_PASSWORD: _, ...withoutPassword } = env;
    const result = await runCli(["status"], withoutPassword);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /MERCHANT_PASSWORD: is not set/);
  });

  it("apply stores the profile on IPFS and registers the merchant as Applied", async () => {
    await client.waitForTransactionReceipt({ hash: await wallet(admin).sendTransaction({ to: merchantAddress, value: parseEther("10"), chain: null }) });
    const result = await json("apply", join(work, "profile.yaml"));
    assert.equal(result.status, "Applied");
    const profile = JSON.parse(new TextDecoder().decode(await new IpfsClient({ url: system.ipfsApiUrl, timeoutMs: 5000, maxBytes: 1e6 }).cat(result.profileCid)));
    assert.equal(profile.name, "Fjord Ceramics");
    assert.equal(profile.encryptionKey.publicKey, JSON.parse(readFileSync(env.MERCHANT_KEYSTORE, "utf8")).encryptionPublicKey);
  });

  it("media add stores images with thumbnails and refuses a file that is not an image", async () => {
    const images = await json("media", "add", join(work, "p1.jpg"), join(work, "p2.jpg"), "--alt", "A mug");
    assert.equal(images.length, 2);
    assert.equal(images[0].mediaType, "image/jpeg");
    assert.notEqual(images[0].thumbnail.cid, images[0].cid);
    writeFileSync(join(work, "notes.jpg"), "not an image");
    const refused = await merchant("media", "add", join(work, "notes.jpg"));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /notes\.jpg must be a JPEG, PNG or WebP image/);
  });

  it("an unauthorised action is refused with the decoded custom error", async () => {
    const result = await merchant("admin", "approve", merchantAddress);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`AccessManagedUnauthorized: ${merchantAddress} lacks the role`));
  });

  it("the admin grants REGISTRAR and the registrar approves the merchant", async () => {
    assert.equal((await asKey(ADMIN_KEY, "admin", "grant-role", "REGISTRAR", registrar.address)).code, 0);
    const approved = await asKey(REGISTRAR_KEY, "--json", "admin", "approve", merchantAddress);
    assert.equal(JSON.parse(approved.stdout).status, "Approved", approved.stderr);
  });

  it("a CSV with bad rows names each line and field, exits non-zero and publishes nothing", async () => {
    const result = await merchant("listing", "import", join(work, "bad.csv"));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /nothing was published/);
    assert.match(result.stderr, /line 3: quantity: must be a whole number of at least 1/);
    assert.match(result.stderr, /line 3: shipping_regions\.0: must be an ISO 3166-1 alpha-2 code/);
    assert.match(result.stderr, /line 3: images: missing\.jpg does not exist/);
    assert.equal(await publishedCount(), 0);
  });

  it("imports a CSV of 20 products with images and publishes every one", async () => {
    const result = await json("listing", "import", join(work, "products.csv"), "--batch", "8");
    assert.equal(result.published.length, 20);
    listingIds = result.published.map((p: { listingId: Hex }) => p.listingId);
    assert.equal(await publishedCount(), 20);
    const listed = await json("listing", "list");
    assert.equal(listed.length, 20);
  });

  it("a buyer's order shows with its shipping details decrypted locally", async () => {
    const keystore = JSON.parse(readFileSync(env.MERCHANT_KEYSTORE, "utf8"));
    const ipfs = new IpfsClient({ url: system.ipfsApiUrl, timeoutMs: 5000, maxBytes: 1e6 });
    const sealed = encryptShippingDetails(Buffer.from(keystore.encryptionPublicKey, "base64url"), SHIPPING);
    const shippingCid = (await ipfs.add(new TextEncoder().encode(JSON.stringify(sealed)))).toString();
    const price = parseEther("0.3"); // SKU 3
    const request = { lines: [{ listingId: listingIds[2], quantity: 2n }], token: "0x0000000000000000000000000000000000000000", maxTotal: price * 2n, shippingCid };
    const receipt = await escrowWrite("placeOrder", [request], price * 2n);
    const [placed] = parseEventLogs({ abi: contracts.OrderEscrow.abi as Abi, logs: receipt.logs, eventName: "OrderPlaced" }) as unknown as { args: { orderId: bigint; terms: unknown } }[];
    order = placed.args;

    const shown = await merchant("orders", "show", String(order.orderId));
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /Placed/);
    assert.match(shown.stdout, /Ada Lovelace, 12 St James's Square, SW1Y 4JH London, GB/);
    assert.equal((await json("orders", "list", "--status", "placed")).length, 1);
  });

  it("an unknown order id is a clear error", async () => {
    const result = await merchant("orders", "show", "999");
    assert.equal(result.code, 1);
    assert.match(result.stderr, /order 999: no such order/);
  });

  it("accepts and ships; the buyer confirms; the merchant withdraws the proceeds", async () => {
    assert.equal((await json("orders", "accept", String(order.orderId))).status, "Accepted");
    assert.equal((await json("orders", "ship", String(order.orderId), "--carrier", "DHL", "--tracking", "JD0001")).status, "Shipped");
    await escrowWrite("confirmDelivery", [order.orderId, order.terms]);
    const status = await json("status");
    assert.equal(status.status, "Approved");
    assert.equal(status.balances[0].balance, (parseEther("0.6") * 99n / 100n).toString()); // less the 1 % platform fee
    const before = await client.getBalance({ address: merchantAddress });
    const withdrawn = await json("withdraw");
    assert.equal(withdrawn.amount, status.balances[0].balance);
    assert.ok((await client.getBalance({ address: merchantAddress })) > before);
    const again = await merchant("withdraw");
    assert.equal(again.code, 1);
    assert.match(again.stderr, /OrderEscrowNothingToWithdraw: .* has no balance to withdraw/);
  });

  it("updates a listing's price as a new version and sets its stock", async () => {
    const updated = await json("listing", "update", "5", "--price", "1.25");
    assert.equal(updated.version, "2");
    assert.equal(updated.supersedes, listingIds[4]);
    assert.equal((await json("stock", "set", "5", "2")).remaining, "2");
  });

  it("traces an item: registered, an event recorded, custody handed to the buyer", async () => {
    const epc = "urn:epc:id:sgtin:0614141.107346.2018";
    assert.equal((await merchant("provenance", "register", epc, "--listing", "3")).code, 0);
    const recorded = await json("provenance", "record", epc, "--biz-step", "packing", "--disposition", "in_progress", "--location", "urn:epc:id:sgln:0614141.00002.0", "--step", "inspected", "--description", "Packed in a gift box", "--country", "NO");
    assert.ok(BigInt(recorded.eventId) > 0n);
    const handoff = await json("provenance", "handoff", epc, buyer.address);
    const hash = await wallet(buyer).writeContract({ ...contracts.Provenance, functionName: "acceptHandoff", args: [handoff.itemId], chain: null });
    await client.waitForTransactionReceipt({ hash });
    const [, holder] = (await client.readContract({ ...contracts.Provenance, functionName: "itemOf", args: [handoff.itemId] })) as [unknown, Address];
    assert.equal(holder, buyer.address);
  });
});
