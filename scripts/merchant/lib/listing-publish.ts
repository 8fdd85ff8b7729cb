import { SingleBar, Presets } from "cli-progress";
import type { Hex } from "viem";
import { listingDomain, listingTypes, type Listing } from "../../../sdk/eip712.ts";
import type { ImageRef } from "../../../sdk/metadata/common.ts";
import { storeImage } from "../../../sdk/metadata/image.ts";
import { listingMetadata } from "../../../sdk/metadata/listing.ts";
import { parseDocument } from "../../../sdk/metadata/parse.ts";
import { ValidationError } from "../../../sdk/errors.ts";
import type { Context } from "./context.ts";
import { putJson, readImage } from "./documents.ts";
import type { Draft } from "./listing-draft.ts";

const DAY = 86_400n;

export interface PublishedSummary {
  where: string;
  sku: bigint;
  version: bigint;
  listingId: Hex;
  metadataCid: string;
  tx: Hex;
}

/** Signs a listing with the CLI's key (the merchant or its authorised signer). */
export async function signListing(ctx: Context, listing: Listing): Promise<Hex> {
  const chain = await ctx.chain();
  const { account } = await ctx.identity();
  const domain = listingDomain(chain.chainId, chain.contract("ListingRegistry").address);
  return account.signTypedData({ domain, types: listingTypes, primaryType: "Listing", message: listing });
}

/**
 * Publishes validated drafts: uploads images and metadata to IPFS, signs every listing, checks that
 * the registry would accept every one of them (gas estimation) before sending any, then sends them in
 * batches, with a progress bar on a terminal and a log line per batch.
 */
export async function publishDrafts(ctx: Context, drafts: Draft[], batchSize: number): Promise<PublishedSummary[]> {
  const chain = await ctx.chain();
  const { merchant } = await ctx.identity();
  const { counter } = await (await ctx.reader()).merchant(merchant);
  const now = (await chain.client.getBlock()).timestamp;
  const ipfs = await ctx.ipfs();
  const images = new Map<string, Promise<ImageRef>>();
  const storeOnce = (image: { path: string; alt: string }) => {
    const key = `${image.path}\n${image.alt}`;
    if (!images.has(key))
      images.set(key, storeImage(ipfs, readImage(image.path, "images"), image.alt, { field: "images" }));
    return images.get(key)!;
  };
  const progress = new SingleBar(
    { format: "{phase} [{bar}] {value}/{total}", stream: process.stderr, noTTYOutput: false },
    Presets.shades_classic,
  );
  progress.start(drafts.length, 0, { phase: "uploading " });
  const signed: { draft: Draft; listing: Listing; signature: Hex }[] = [];
  for (const draft of drafts) {
    const metadata = parseDocument(
      listingMetadata,
      { ...draft.metadata, images: await Promise.all(draft.images.map(storeOnce)) },
      `listing at ${draft.where}`,
    );
    const listing: Listing = {
      merchant,
      sku: draft.sku,
      version: draft.version,
      metadataCid: await putJson(ipfs, metadata),
      price: draft.price,
      token: draft.token,
      quantity: draft.quantity,
      maxPerBuyer: draft.maxPerBuyer,
      validFrom: Number(now - 60n),
      validUntil: Number(now + draft.validDays * DAY),
      counter,
    };
    signed.push({ draft, listing, signature: await signListing(ctx, listing) });
    progress.increment();
  }
  ctx.logger.info(
    { listings: signed.length, images: images.size },
    "media and metadata stored on IPFS, listings signed",
  );

  const tx = await ctx.tx();
  const calls = signed.map(({ listing, signature }) => ({
    contract: "ListingRegistry" as const,
    functionName: "publish" as const,
    args: [listing, signature] as const,
  }));
  for (const [index, call] of calls.entries()) {
    try {
      await tx.check(call);
    } catch (error) {
      progress.stop();
      throw new ValidationError(signed[index].draft.where, `${(error as Error).message}; nothing was published`, {
        cause: error,
      });
    }
  }

  const published: PublishedSummary[] = [];
  progress.setTotal(calls.length);
  progress.update(0, { phase: "publishing" });
  try {
    for (let start = 0; start < calls.length; start += batchSize) {
      const batch = calls.slice(start, start + batchSize);
      const hashes = await Promise.all(batch.map((call) => tx.submit(call)));
      const receipts = await Promise.all(hashes.map((hash) => tx.confirm(hash)));
      for (const [offset, receipt] of receipts.entries()) {
        const { draft, listing } = signed[start + offset];
        const listingId = (await chain.client.readContract({
          ...chain.contract("ListingRegistry"),
          functionName: "hashListing",
          args: [listing],
        })) as Hex;
        published.push({
          where: draft.where,
          sku: draft.sku,
          version: draft.version,
          listingId,
          metadataCid: listing.metadataCid,
          tx: receipt.transactionHash,
        });
      }
      progress.increment(batch.length);
      ctx.logger.info({ published: published.length, total: calls.length }, "batch published");
    }
  } finally {
    progress.stop();
  }
  return published;
}
