// Gas of the main flows, measured on the in-process Hardhat chain with the production build profile.
// Run with `npm run bench:gas`; writes bench/results/gas.json (operation → gas used) and prints a table.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseSignature, toHex, type Hex } from "viem";
import { NO_PERMIT, NO_VOUCHER, permitTypes } from "../../sdk/eip712.ts";
import {
  PROFILE_CID,
  SHIPPING_CID,
  TOKEN_PRICE,
  placeNativeOrder,
  placeTokenOrder,
  placedOrder,
  publishListing,
  useCommerce,
} from "../../test/fixtures/commerce.ts";

const BUDGETS: Record<string, number> = {
  // 110,000 and 130,000 until the escrow kept what it owes per token (IOrderEscrow's token policy): one more
  // warm storage write per placement (~5,000 gas) buys an on-chain solvency figure (owedOf) and surplus recovery.
  placeOrderNative: 115_000,
  placeOrderERC20: 136_000,
  confirmDelivery: 70_000,
  recordProvenanceEvent: 60_000,
  // An item packed in Provenance.MAX_NESTING (8) containers: finding its holder walks up all of them.
  recordProvenanceEventNested: 100_000,
};

const { load } = await useCommerce();
const f = await load();
const { merchant, merchant2, registrar, buyer, buyer2 } = f.accounts;
const gas: Record<string, number> = {};

async function measure(name: string, send: Promise<Hex>): Promise<Hex> {
  const hash = await send;
  const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${name} reverted`);
  gas[name] = Number(receipt.gasUsed);
  return hash;
}

await measure(
  "registerMerchant",
  f.merchants.write.register([PROFILE_CID, merchant2.account.address], { account: merchant2.account }),
);
await measure(
  "approveMerchant",
  f.merchants.write.approve([merchant2.account.address], { account: registrar.account }),
);

const native = await publishListing(f);
const token = await publishListing(f, { token: f.token.address, price: TOKEN_PRICE });
const listingHash = (await f.publicClient.getBlock({ includeTransactions: true })).transactions[0].hash;
gas.publishListing = Number((await f.publicClient.getTransactionReceipt({ hash: listingHash })).gasUsed);

// Steady state: the first order of each kind warms up storage that every later order finds non-zero.
await placeNativeOrder(f, native.listingId);
await placeTokenOrder(f, token.listingId);
const nativeTotal = native.listing.price;
const nativeRequest = {
  lines: [{ listingId: native.listingId, quantity: 1n }],
  token: "0x0000000000000000000000000000000000000000" as const,
  maxTotal: nativeTotal,
  shippingCid: SHIPPING_CID,
  shipping: 0n,
};
const { orderId, terms } = await placedOrder(
  f,
  await measure(
    "placeOrderNative",
    f.escrow.write.placeOrder([nativeRequest], { account: buyer.account, value: nativeTotal }),
  ),
);
const tokenRequest = {
  lines: [{ listingId: token.listingId, quantity: 1n }],
  token: f.token.address,
  maxTotal: TOKEN_PRICE,
  shippingCid: SHIPPING_CID,
  shipping: 0n,
};
await f.token.write.approve([f.escrow.address, TOKEN_PRICE], { account: buyer.account });
await measure("placeOrderERC20", f.escrow.write.placeOrder([tokenRequest], { account: buyer.account }));

const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
const permitSignature = await buyer2.signTypedData({
  account: buyer2.account,
  domain: { name: "Test Dollar", version: "1", chainId: f.chainId, verifyingContract: f.token.address },
  types: permitTypes,
  primaryType: "Permit",
  message: { owner: buyer2.account.address, spender: f.escrow.address, value: TOKEN_PRICE, nonce: 0n, deadline },
});
const { r, s, yParity } = parseSignature(permitSignature);
const permit = { ...NO_PERMIT, value: TOKEN_PRICE, deadline, v: 27 + yParity, r, s };
await measure(
  "placeOrderERC20Permit",
  f.escrow.write.placeOrderWithPermit([tokenRequest, NO_VOUCHER, permit], { account: buyer2.account }),
);

// The merchant's payout and the treasury already hold balances from earlier sales in steady state;
// the very first settlement to an account also pays for creating its balance slots.
const first = await placeNativeOrder(f, native.listingId);
await f.escrow.write.shipOrder([first.orderId, first.terms, SHIPPING_CID], { account: merchant.account });
await measure(
  "confirmDeliveryFirstPayout",
  f.escrow.write.confirmDelivery([first.orderId, first.terms], { account: buyer.account }),
);
await measure("acceptOrder", f.escrow.write.acceptOrder([orderId, terms], { account: merchant.account }));
await measure("shipOrder", f.escrow.write.shipOrder([orderId, terms, SHIPPING_CID], { account: merchant.account }));
await measure("confirmDelivery", f.escrow.write.confirmDelivery([orderId, terms], { account: buyer.account }));
await measure(
  "withdraw",
  f.escrow.write.withdraw(["0x0000000000000000000000000000000000000000"], { account: f.accounts.payout.account }),
);
await measure("postReview", f.reviews.write.postReview([orderId, 5, PROFILE_CID], { account: buyer.account }));

const itemId = `0x${"11".repeat(32)}` as const;
await f.provenance.write.registerItems(
  [[{ itemId, listingId: native.listingId, quantity: 1n, epc: "urn:epc:id:sgtin:0614141.107346.2018" }]],
  { account: merchant.account },
);
const eventData = {
  eventTime: 0,
  bizStep: "urn:epcglobal:cbv:bizstep:packing",
  disposition: "urn:epcglobal:cbv:disp:in_progress",
  location: "urn:epc:id:sgln:0614141.00777.0",
  evidenceCid: PROFILE_CID,
};
await f.provenance.write.recordEvent([[itemId], eventData], { account: merchant.account });
await measure(
  "recordProvenanceEvent",
  f.provenance.write.recordEvent([[itemId], eventData], { account: merchant.account }),
);

const MAX_NESTING = await f.provenance.read.MAX_NESTING();
const chain = Array.from({ length: MAX_NESTING + 1 }, (_, level) => toHex(level + 1, { size: 32 }));
await f.provenance.write.registerItems(
  [chain.map((id) => ({ itemId: id, listingId: native.listingId, quantity: 1n, epc: "" }))],
  { account: merchant.account },
);
for (let level = 1; level <= MAX_NESTING; level++) {
  await f.provenance.write.aggregate([chain[level], [chain[level - 1]], 0n], { account: merchant.account });
}
await measure(
  "recordProvenanceEventNested",
  f.provenance.write.recordEvent([[chain[0]], eventData], { account: merchant.account }),
);

mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/gas.json", `${JSON.stringify(gas, null, 2)}\n`);
console.table(
  Object.entries(gas).map(([operation, used]) => ({
    operation,
    gas: used,
    budget: BUDGETS[operation] ?? "",
    within: BUDGETS[operation] === undefined ? "" : used <= BUDGETS[operation] ? "yes" : "NO",
  })),
);
const over = Object.keys(BUDGETS).filter((name) => gas[name] > BUDGETS[name]);
if (over.length > 0) {
  console.error(`over budget: ${over.join(", ")}`);
  process.exitCode = 1;
}
