import { orders, ratingAggregates, reviews } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import type { ChainEvent, ContractHandlers } from "./types.ts";
import { dec, hex, num, required } from "./values.ts";

async function addRating(
  store: Store,
  event: ChainEvent,
  subjectType: "listing" | "merchant",
  subject: string,
  rating: number,
): Promise<void> {
  const current = await store.get(ratingAggregates, { subjectType, subject });
  await store.put(ratingAggregates, {
    subjectType,
    subject,
    reviewCount: (current?.reviewCount ?? 0) + 1,
    ratingSum: (current?.ratingSum ?? 0) + rating,
    blockNumber: event.blockNumber,
  });
}

export const reviewsHandlers: ContractHandlers<"Reviews"> = {
  async ReviewPosted(event, store) {
    const order = required(await store.get(orders, { id: dec(event.args.orderId) }), "order", event);
    const rating = num(event.args.rating);
    const { reviewCid } = event.args;
    store.insert(reviews, {
      orderId: order.id,
      buyer: hex(event.args.buyer),
      merchant: order.merchant,
      rating,
      reviewCid,
      txHash: event.txHash,
      postedAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
    await addRating(store, event, "merchant", order.merchant, rating);
    const { lines } = order.terms as { lines: { listingId: string }[] };
    const listingIds = new Set(lines.map((line) => line.listingId));
    for (const listingId of listingIds) await addRating(store, event, "listing", listingId, rating);
    store.requestMetadata(reviewCid, "review");
  },
};
