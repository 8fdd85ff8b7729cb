import { Inject, Injectable } from "@nestjs/common";
import { requireSession } from "../auth/guard.ts";
import type { ApiContext } from "../common/context.ts";
import { LoaderFactory } from "../common/loaders.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { ListingsService } from "../listings/listings.service.ts";
import { OrdersService, type OrderRow } from "../orders/orders.service.ts";
import { ChangeFeed } from "./change-feed.ts";

const subscriptionsTypeDefs = /* GraphQL */ `
  type Subscription {
    """
    The order after each committed batch that changed it; for its buyer or merchant, or an auditor or arbiter
    (over SSE).
    """
    orderUpdated(id: UInt256!): Order!
    """
    The listing (current version) after each committed batch that changed its stock, price, version or status
    (over SSE).
    """
    listingUpdated(id: Bytes32!): Listing!
    """
    Each order of the signed-in merchant placed or changed from now on, after the batch that did it is committed
    (over SSE); several orders of one batch arrive one by one.
    """
    merchantOrders: Order!
  }
`;

const subscriptionsResolvers = (
  changes: ChangeFeed,
  orders: OrdersService,
  listings: ListingsService,
  loaders: LoaderFactory,
) => {
  /**
   * Re-reads `read()` after each change of `key`, with fresh DataLoaders: the request's would answer every push
   * from the first one's reads. Returned once the feed is armed; returning it stops the feed, started or not.
   */
  async function refreshed<T>(context: ApiContext, key: string, read: () => Promise<T>) {
    const feed = await changes.changes(key);
    const stream: AsyncIterableIterator<T> = {
      [Symbol.asyncIterator]: () => stream,
      async next() {
        if ((await feed.next()).done) return { value: undefined, done: true };
        context.loaders = loaders.create();
        return { value: await read(), done: false };
      },
      async return() {
        await feed.return!();
        return { value: undefined, done: true };
      },
    };
    return stream;
  }

  /**
   * The merchant's orders changed after the index's cursor at the start, each once per change: after each batch
   * that changed any, the rows changed past the last block seen, with fresh DataLoaders per push.
   */
  async function merchantOrders(context: ApiContext, merchant: string) {
    // The mark is read before the feed is armed: a batch in between arrives with the next one, not never.
    let seenThrough = await orders.indexedThrough();
    const feed = await changes.changes(`merchant-orders:${merchant}`);
    const queue: OrderRow[] = [];
    const stream: AsyncIterableIterator<OrderRow> = {
      [Symbol.asyncIterator]: () => stream,
      async next() {
        while (queue.length === 0) {
          if ((await feed.next()).done) return { value: undefined, done: true };
          const changed = await orders.changedSince(merchant, seenThrough);
          seenThrough = Math.max(seenThrough, ...changed.map((order) => order.blockNumber));
          queue.push(...changed);
        }
        context.loaders = loaders.create();
        return { value: queue.shift()!, done: false };
      },
      async return() {
        await feed.return!();
        return { value: undefined, done: true };
      },
    };
    return stream;
  }

  return {
    Subscription: {
      orderUpdated: {
        // Checked before the stream starts: a stranger's subscription ends at once with FORBIDDEN.
        subscribe: async (_: unknown, args: { id: string }, context: ApiContext) => {
          const session = await requireSession(context);
          await orders.byId(session, args.id);
          return refreshed(context, `order:${args.id}`, () => orders.byId(session, args.id));
        },
        resolve: (order: unknown) => order,
      },
      listingUpdated: {
        subscribe: async (_: unknown, args: { id: string }, context: ApiContext) => {
          const listing = await listings.freshById(args.id);
          return refreshed(context, `listing:${listing.merchant}:${listing.sku}`, () => listings.freshById(args.id));
        },
        resolve: (listing: unknown) => listing,
      },
      merchantOrders: {
        subscribe: async (_: unknown, __: unknown, context: ApiContext) =>
          merchantOrders(context, (await requireSession(context)).address),
        resolve: (order: unknown) => order,
      },
    },
  };
};

@GraphqlSchemaPart()
@Injectable()
export class SubscriptionsResolver implements SchemaPart {
  readonly typeDefs = subscriptionsTypeDefs;
  readonly resolvers;

  constructor(
    @Inject(ChangeFeed) changes: ChangeFeed,
    @Inject(OrdersService) orders: OrdersService,
    @Inject(ListingsService) listings: ListingsService,
    @Inject(LoaderFactory) loaders: LoaderFactory,
  ) {
    this.resolvers = subscriptionsResolvers(changes, orders, listings, loaders);
  }
}
