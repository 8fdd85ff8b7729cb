import { pino } from "pino";
import { createWalletClient, http, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { MetadataResolver } from "../../../indexer/src/metadata/resolver.ts";
import { listingDomain, listingTypes, NATIVE_TOKEN, type Listing } from "../../../sdk/eip712.ts";
import { IpfsClient } from "../../../sdk/ipfs/client.ts";
import type { ImageRef } from "../../../sdk/metadata/common.ts";
import { chainActivity } from "../../indexer/helpers/activity.ts";
import { openIndexing, type Indexing } from "../../indexer/helpers/indexing.ts";
import { startLocalLedger, type LocalLedger } from "../../indexer/helpers/local-ledger.ts";

/** Hardhat's public development mnemonic: account i is the node's i-th unlocked account. */
export const devAccount = (index: number) =>
  mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: index });

export const WORDS = ["walnut", "linen", "ceramic", "copper", "wool"] as const;
export const CATEGORIES = [
  ["Home", "Kitchen"],
  ["Home", "Decor"],
  ["Outdoor", "Garden"],
  ["Food", "Tea"],
] as const;
const SILENT = pino({ level: "silent" });

/**
 * The demo ledger (npm start), `extraListings` more products from its two merchants, and an in-process index on PGlite.
 */
export async function startApiSystem(extraListings: number) {
  // Genesis now, so the demo seed leaves the chain 8 days ahead of the wall clock: what the chain checks, the
  // API must check by the chain's time.
  const ledger = await startLocalLedger({ CHAIN_GENESIS_DATE: new Date().toISOString() });
  const ipfs = new IpfsClient({
    url: ledger.ipfsApiUrl,
    auth: ledger.ipfsApiAuth,
    timeoutMs: 10_000,
    maxBytes: 1024 * 1024,
  });
  const indexing = await openIndexing("memory://", ledger.rpcUrl, ledger.deployment);
  const resolver = new MetadataResolver({
    db: indexing.database.db,
    ipfs,
    options: { maxAttempts: 3, retryBaseMs: 100, batchSize: 50, maxBytes: 1024 * 1024 },
    logger: SILENT,
  });
  const catchUp = async () => {
    await indexing.sync.runOnce();
    await resolver.drain();
  };
  await catchUp();
  await publishListings(ledger, indexing, ipfs, extraListings);
  await catchUp();
  return {
    ledger,
    indexing,
    ipfs,
    resolver,
    catchUp,
    stop: async () => (await indexing.database.close(), await ledger.stop()),
  };
}
export type ApiSystem = Awaited<ReturnType<typeof startApiSystem>>;

async function publishListings(
  ledger: LocalLedger,
  indexing: Indexing,
  ipfs: IpfsClient,
  count: number,
): Promise<void> {
  const image = (
    (await indexing.database.db.query.metadataDocuments.findFirst({ where: (d, { eq }) => eq(d.kind, "listing") }))!
      .document as { images: ImageRef[] }
  ).images[0];
  const activity = chainActivity(ledger.rpcUrl, ledger.deployment);
  const now = Number((await activity.publicClient.getBlock()).timestamp);
  const registry = ledger.deployment.contracts.ListingRegistry.address;
  const merchants = [
    { account: devAccount(6).address, signer: devAccount(9), token: NATIVE_TOKEN },
    { account: devAccount(7).address, signer: devAccount(10), token: ledger.demo.token as Address },
  ];
  const cids = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const document = {
        schema: "commerce-ledger/listing@1",
        title: `${WORDS[i % WORDS.length]} item ${i}`,
        description: `Generated product number ${i} for the API tests.`,
        categoryPath: CATEGORIES[i % CATEGORIES.length],
        attributes: [{ name: "Batch", value: String(i % 3) }],
        images: [image],
        shippingRegions: ["DE"],
        returnPolicy: { accepted: true, windowDays: 14, buyerPaysReturnShipping: false },
      };
      return (await ipfs.add(new TextEncoder().encode(JSON.stringify(document)))).toString();
    }),
  );
  const wallet = createWalletClient({ chain: hardhat, transport: http(ledger.rpcUrl) });
  for (let i = 0; i < count; i++) {
    const merchant = merchants[i % 2];
    const listing: Listing = {
      merchant: merchant.account,
      sku: 10_000n + BigInt(i),
      version: 1n,
      metadataCid: cids[i],
      price: BigInt(1 + ((i * 37) % 50)) * 10n ** 15n,
      token: merchant.token,
      quantity: BigInt(i % 7 === 0 ? 1 : 5 + (i % 11)),
      maxPerBuyer: 0n,
      validFrom: now - 60,
      validUntil: now + 90 * 86_400,
      counter: 0n,
    };
    const signature: Hex = await wallet.signTypedData({
      account: merchant.signer,
      domain: listingDomain(hardhat.id, registry),
      types: listingTypes,
      primaryType: "Listing",
      message: listing,
    });
    await activity.send("ListingRegistry", "publish", [listing, signature], merchant.account);
  }
}
