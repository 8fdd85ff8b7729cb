// Seeds a running local chain with a realistic demo: approved merchants with IPFS profiles, listings with
// locally rendered images, orders in every state, a dispute, vouchers, reviews and a provenance trace.
// Run by `npm start`; alone:
// IPFS_API_URL=... IPFS_API_AUTH=... npx hardhat run scripts/demo/seed.ts --network localhost
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { network } from "hardhat";
import { encodeFunctionData, parseEther, parseUnits, zeroAddress, type Address, type Hex } from "viem";
import { pino } from "pino";
import { generateEncryptionKeyPair, SEALED_BOX_ALGORITHM } from "../../sdk/crypto/sealed-box.ts";
import { encryptShippingDetails } from "../../sdk/crypto/shipping.ts";
import { readDeployment } from "../../sdk/deployments.ts";
import { NATIVE_TOKEN } from "../../sdk/eip712.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { readIpfsClientConfig } from "../../sdk/ipfs/config.ts";
import { storeImage } from "../../sdk/metadata/image.ts";
import { type ListingMetadata, listingMetadata, shippingCostTo } from "../../sdk/metadata/listing.ts";
import { merchantProfile } from "../../sdk/metadata/merchant-profile.ts";
import { parseDocument } from "../../sdk/metadata/parse.ts";
import { operationalGrants, ROLES } from "../../sdk/roles.ts";
import { itemIdOf } from "../../sdk/item-id.ts";
import { demoActions } from "./actions.ts";
import { DEMO_MERCHANTS, DEMO_SHIPPING } from "./catalog.ts";
import { renderProductImage } from "./images.ts";
import { seedProvenance } from "./provenance.ts";
import { DEMO_CLOCK_ADVANCE_SECONDS } from "../start/demo.ts";

const DAY = 86_400;
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const connection = await network.create();
const { viem, networkHelpers } = connection;
const publicClient = await viem.getPublicClient();
const deployment = readDeployment(await publicClient.getChainId());
const ipfs = new IpfsClient(readIpfsClientConfig());
const demo = await demoActions(connection, deployment, ipfs);
const { manager, merchants, listings, escrow, reviews, wait, asAdmin, putJson } = demo;

const wallets = await viem.getWalletClients();
const [admin, registrar, arbiter, pauser, auditor, carrier] = wallets;
const merchantWallets = [wallets[6], wallets[7]];
const signerWallets = [wallets[9], wallets[10]];
const applicant = wallets[8];
const [ada, grace] = [wallets[11], wallets[12]];

const token = await viem.deployContract("TestToken", ["Consortium Dollar", "CUSD"]);
// Every ADMIN act waits out the admin's execution delay (ignition/modules/Commerce.ts): scheduled, then executed.
await asAdmin(admin, [
  ...operationalGrants({ registrar, arbiter, pauser, auditor, carrier }).map(([role, account]) => ({
    target: manager.address,
    data: encodeFunctionData({ abi: manager.abi, functionName: "grantRole", args: [role, account, 0] }),
  })),
  {
    target: listings.address,
    data: encodeFunctionData({ abi: listings.abi, functionName: "setTokenAllowed", args: [token.address, true] }),
  },
]);
for (const buyer of [ada, grace]) await wait(token.write.mint([buyer.account.address, parseUnits("10000", 18)]));
logger.info({ token: token.address }, "demo ERC-20 deployed and allowed");

// ─── Merchants and listings ────────────────────────────────────────────────────────────────
const now = Number((await publicClient.getBlock()).timestamp);
const shop: { id: Hex; price: bigint; token: Address; title: string; metadata: ListingMetadata }[][] = [];
const encryptionKeys: Record<string, { publicKey: string; secretKey: string }> = {};
for (const [index, merchant] of DEMO_MERCHANTS.entries()) {
  const owner = merchantWallets[index];
  const keys = generateEncryptionKeyPair();
  encryptionKeys[owner.account.address] = {
    publicKey: Buffer.from(keys.publicKey).toString("base64url"),
    secretKey: Buffer.from(keys.secretKey).toString("base64url"),
  };
  const profile = parseDocument(merchantProfile, {
    schema: "commerce-ledger/merchant-profile@1",
    name: merchant.name,
    description: merchant.description,
    website: merchant.website,
    encryptionKey: { algorithm: SEALED_BOX_ALGORITHM, publicKey: encryptionKeys[owner.account.address].publicKey },
  });
  await wait(merchants.write.register([await putJson(profile), owner.account.address], { account: owner.account }));
  await wait(merchants.write.approve([owner.account.address], { account: registrar.account }));
  await wait(merchants.write.setSigner([signerWallets[index].account.address], { account: owner.account }));

  const products = [];
  for (const [sku, product] of merchant.products.entries()) {
    const image = await storeImage(ipfs, await renderProductImage(product.title, product.hue), product.title);
    const metadata = parseDocument(listingMetadata, {
      schema: "commerce-ledger/listing@1",
      title: product.title,
      description: product.description,
      categoryPath: [...product.category],
      attributes: product.attributes.map(([name, value]) => ({ name, value })),
      images: [image],
      shippingRegions: ["AT", "DE", "FI", "GB", "NL", "SE"],
      // Within the EU's single market free, further afield a charge (both tokens have 18 decimals).
      shippingCosts: { FI: parseUnits("0.003", 18).toString(), GB: parseUnits("0.004", 18).toString() },
      returnPolicy: { accepted: true, windowDays: 30, buyerPaysReturnShipping: true },
    });
    const paymentToken = merchant.paymentToken === "native" ? NATIVE_TOKEN : token.address;
    const price = merchant.paymentToken === "native" ? parseEther(product.price) : parseUnits(product.price, 18);
    const id = await demo.publish(signerWallets[index], {
      merchant: owner.account.address,
      sku: BigInt(sku + 1),
      version: 1n,
      metadataCid: await putJson(metadata),
      price,
      token: paymentToken,
      quantity: BigInt(product.stock),
      maxPerBuyer: 0n,
      validFrom: now - 60,
      validUntil: now + 365 * DAY,
      counter: 0n,
    });
    products.push({ id, price, token: paymentToken, title: product.title, metadata });
  }
  shop.push(products);
}
await wait(
  merchants.write.register(
    [
      await putJson(
        parseDocument(merchantProfile, {
          schema: "commerce-ledger/merchant-profile@1",
          name: "Baltic Amber Works",
          description: "Applied to join the consortium; awaiting the registrar.",
          encryptionKey: {
            algorithm: SEALED_BOX_ALGORITHM,
            publicKey: Buffer.from(generateEncryptionKeyPair().publicKey).toString("base64url"),
          },
        }),
      ),
      applicant.account.address,
    ],
    { account: applicant.account },
  ),
);
logger.info(
  { merchants: DEMO_MERCHANTS.length, listings: shop.flat().length },
  "merchants approved and listings published",
);

// ─── Orders in every state ─────────────────────────────────────────────────────────────────
const [alpine, nordic] = merchantWallets;
const [coffee, espresso, dripper] = shop[0];
const [blanket, towels] = shop[1];
/** The demo buyers' address sealed for the listing's merchant, and what shipping there costs. */
async function shippingFor(merchantIndex: number, listing: { metadata: ListingMetadata }) {
  const key = Buffer.from(encryptionKeys[merchantWallets[merchantIndex].account.address].publicKey, "base64url");
  const cost = shippingCostTo(listing.metadata, DEMO_SHIPPING.country);
  if (cost === null) throw new Error(`the demo listing does not ship to ${DEMO_SHIPPING.country}`);
  return { cid: await putJson(encryptShippingDetails(key, DEMO_SHIPPING)), cost };
}
async function trackingDoc(carrierName: string) {
  return putJson({
    schema: "commerce-ledger/tracking@1",
    carrier: carrierName,
    trackingNumber: `TRK-${Math.floor(Math.random() * 1e9)}`,
  });
}
const states: Record<string, bigint> = {};

// Reclaimed first: it needs the clock moved past its ship-by deadline, which every later order then starts after.
const reclaimed = await demo.order(grace, dripper, 1n, await shippingFor(0, dripper));
// Shipped and never confirmed: once the clock moves past its confirmation window, the keeper completes it at start.
const unconfirmed = await demo.order(ada, coffee, 1n, await shippingFor(0, coffee));
await wait(
  escrow.write.shipOrder([unconfirmed.orderId, unconfirmed.terms, await trackingDoc("DHL")], {
    account: alpine.account,
  }),
);
await networkHelpers.time.increase(DEMO_CLOCK_ADVANCE_SECONDS);
await wait(escrow.write.reclaimOrder([reclaimed.orderId, reclaimed.terms], { account: carrier.account }));
states.Reclaimed = reclaimed.orderId;

const completed = await demo.order(ada, coffee, 2n, await shippingFor(0, coffee));
await wait(escrow.write.acceptOrder([completed.orderId, completed.terms], { account: signerWallets[0].account }));
await wait(
  escrow.write.shipOrder([completed.orderId, completed.terms, await trackingDoc("DHL")], {
    account: signerWallets[0].account,
  }),
);
await wait(escrow.write.confirmDelivery([completed.orderId, completed.terms], { account: ada.account }));
const reviewCid = await putJson({
  schema: "commerce-ledger/review@1",
  orderId: completed.orderId.toString(),
  rating: 5,
  title: "Best beans this year",
  body: "Bright, floral and perfectly roasted. Arrived two days after roasting.",
  images: [],
});
await wait(reviews.write.postReview([completed.orderId, 5, reviewCid], { account: ada.account }));
states.Completed = completed.orderId;

const tokenCompleted = await demo.order(grace, towels, 3n, await shippingFor(1, towels));
await wait(
  escrow.write.shipOrder([tokenCompleted.orderId, tokenCompleted.terms, await trackingDoc("Posti")], {
    account: nordic.account,
  }),
);
await wait(escrow.write.confirmDelivery([tokenCompleted.orderId, tokenCompleted.terms], { account: grace.account }));
await wait(
  reviews.write.postReview(
    [
      tokenCompleted.orderId,
      4,
      await putJson({
        schema: "commerce-ledger/review@1",
        orderId: tokenCompleted.orderId.toString(),
        rating: 4,
        body: "Lovely linen, a little smaller than expected.",
        images: [],
      }),
    ],
    { account: grace.account },
  ),
);

const shipped = await demo.order(ada, blanket, 1n, await shippingFor(1, blanket));
await wait(escrow.write.acceptOrder([shipped.orderId, shipped.terms], { account: nordic.account }));
await wait(
  escrow.write.shipOrder([shipped.orderId, shipped.terms, await trackingDoc("Posti")], {
    account: signerWallets[1].account,
  }),
);
await wait(
  escrow.write.refundOrder(
    [
      shipped.orderId,
      shipped.terms,
      shipped.terms.total / 10n,
      await putJson({ reason: "10% goodwill refund: shipped two days late" }),
    ],
    { account: nordic.account },
  ),
);
states.Shipped = shipped.orderId;

const accepted = await demo.order(grace, espresso, 1n, await shippingFor(0, espresso));
await wait(escrow.write.acceptOrder([accepted.orderId, accepted.terms], { account: alpine.account }));
states.Accepted = accepted.orderId;

const voucher = {
  merchant: alpine.account.address,
  id: `0x${"5e".repeat(32)}` as Hex,
  buyer: zeroAddress,
  amountOff: 0n,
  bpsOff: 1_000,
  minTotal: 0n,
  expiry: now + 400 * DAY,
  maxUses: 100,
  counter: 0n,
};
const voucherSignature = await demo.signVoucher(signerWallets[0], voucher);
states.Placed = (
  await demo.order(ada, espresso, 2n, await shippingFor(0, espresso), {
    voucher,
    signature: voucherSignature,
    discount: (espresso.price * 2n) / 10n,
  })
).orderId;

const cancelled = await demo.order(grace, coffee, 1n, await shippingFor(0, coffee));
await wait(escrow.write.cancelOrder([cancelled.orderId, cancelled.terms], { account: grace.account }));
states.Cancelled = cancelled.orderId;

const rejected = await demo.order(ada, dripper, 1n, await shippingFor(0, dripper));
await wait(
  escrow.write.rejectOrder(
    [rejected.orderId, rejected.terms, await putJson({ reason: "Out of stock at the workshop" })],
    { account: alpine.account },
  ),
);
states.Rejected = rejected.orderId;

const refunded = await demo.order(grace, blanket, 1n, await shippingFor(1, blanket));
await wait(escrow.write.acceptOrder([refunded.orderId, refunded.terms], { account: nordic.account }));
await wait(
  escrow.write.refundOrder(
    [
      refunded.orderId,
      refunded.terms,
      refunded.terms.total,
      await putJson({ reason: "Dye lot failed inspection; refunded in full" }),
    ],
    { account: nordic.account },
  ),
);
states.Refunded = refunded.orderId;

const disputed = await demo.order(ada, towels, 1n, await shippingFor(1, towels));
await wait(
  escrow.write.shipOrder([disputed.orderId, disputed.terms, await trackingDoc("Posti")], { account: nordic.account }),
);
await wait(
  escrow.write.disputeOrder([disputed.orderId, await putJson({ claim: "Parcel arrived empty", photos: [] })], {
    account: ada.account,
  }),
);
states.Disputed = disputed.orderId;

const resolved = await demo.order(grace, coffee, 1n, await shippingFor(0, coffee));
await wait(
  escrow.write.shipOrder([resolved.orderId, resolved.terms, await trackingDoc("DHL")], { account: alpine.account }),
);
await wait(
  escrow.write.disputeOrder([resolved.orderId, await putJson({ claim: "Bag was torn, half the beans spilled" })], {
    account: grace.account,
  }),
);
await wait(
  escrow.write.ruleDispute(
    [
      resolved.orderId,
      resolved.terms,
      resolved.terms.total / 2n,
      await putJson({ ruling: "Split 50/50: damage in transit" }),
    ],
    { account: arbiter.account },
  ),
);
states.Resolved = resolved.orderId;
logger.info(
  { orders: Object.fromEntries(Object.entries(states).map(([k, v]) => [k, v.toString()])) },
  "orders placed in every state",
);

const trace = await seedProvenance(demo, {
  merchant: alpine,
  carrier,
  buyer: ada,
  auditor,
  listingId: coffee.id,
  orderId: completed.orderId,
  itemIdOf,
});
logger.info({ item: trace.itemId, shipment: trace.shipmentId }, "provenance trace recorded");

// A fee rise the admin announced and the delay still holds back: the consortium sees it scheduled.
const [, adminDelay] = await manager.read.getAccess([ROLES.ADMIN, admin.account.address]);
if (adminDelay > 0) {
  const feeRise = encodeFunctionData({ abi: escrow.abi, functionName: "setFee", args: [150, admin.account.address] });
  await wait(manager.write.schedule([escrow.address, feeRise, 0], { account: admin.account }));
}

const demoDir = join(process.env.DATA_DIR ?? "data", "demo");
mkdirSync(demoDir, { recursive: true });
writeFileSync(
  join(demoDir, "accounts.json"),
  `${JSON.stringify(
    {
      note: "Hardhat's public development accounts: never use these keys on a real network.",
      admin: admin.account.address,
      registrar: registrar.account.address,
      arbiter: arbiter.account.address,
      pauser: pauser.account.address,
      auditor: auditor.account.address,
      carrier: carrier.account.address,
      merchants: DEMO_MERCHANTS.map((m, i) => ({
        name: m.name,
        account: merchantWallets[i].account.address,
        signer: signerWallets[i].account.address,
        encryptionKey: encryptionKeys[merchantWallets[i].account.address],
      })),
      applicant: applicant.account.address,
      buyers: [ada.account.address, grace.account.address],
      token: token.address,
      orders: Object.fromEntries(Object.entries(states).map(([k, v]) => [k, v.toString()])),
      // Shipped when seeded, past its confirmation window: the keeper of `npm start` completes it.
      keeperCompletes: unconfirmed.orderId.toString(),
      provenance: trace,
    },
    null,
    2,
  )}\n`,
);
logger.info({ file: join(demoDir, "accounts.json") }, "demo seeded");
