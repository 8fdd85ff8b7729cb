import { requireSession } from "../auth/guard.ts";
import type { ApiContext } from "../common/context.ts";
import { createLoaders } from "../common/loaders.ts";

export const subscriptionsTypeDefs = /* GraphQL */ `
  type Subscription {
    "The order after each committed batch that changed it; for its buyer or merchant, or an auditor or arbiter (over SSE)."
    orderUpdated(id: UInt256!): Order!
    "The listing (current version) after each committed batch that changed its stock, price, version or status (over SSE)."
    listingUpdated(id: Bytes32!): Listing!
  }
`;

/** Re-reads `read()` after each change of `key`, with fresh DataLoaders: the request's would answer every push from the first one's reads. */
async function* refreshed<T>(context: ApiContext, key: string, read: () => Promise<T>): AsyncGenerator<T> {
  for await (const _change of context.services.changes.changes(key)) {
    context.loaders = createLoaders(context.services);
    yield await read();
  }
}

export const subscriptionsResolvers = {
  Subscription: {
    orderUpdated: {
      // Checked before the stream starts: a stranger's subscription ends at once with FORBIDDEN.
      subscribe: async (_: unknown, args: { id: string }, context: ApiContext) => {
        const session = await requireSession(context);
        await context.services.orders.byId(session, args.id);
        return refreshed(context, `order:${args.id}`, () => context.services.orders.byId(session, args.id));
      },
      resolve: (order: unknown) => order,
    },
    listingUpdated: {
      subscribe: async (_: unknown, args: { id: string }, context: ApiContext) => {
        const listing = await context.services.listings.byId(args.id);
        return refreshed(context, `listing:${listing.merchant}:${listing.sku}`, () => context.services.listings.byId(args.id));
      },
      resolve: (listing: unknown) => listing,
    },
  },
};
