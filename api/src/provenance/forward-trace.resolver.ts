import { Inject, Injectable } from "@nestjs/common";
import type { ApiContext } from "../common/context.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { ForwardTraceService } from "./forward-trace.service.ts";
import type { ItemRow } from "./provenance.service.ts";

const forwardTraceTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Everything downstream of an item, for a recall: the items made from it through transformations
    (transitively), the containers that carried any of them (containers of containers too), the orders they were
    packed for and those orders' buyers. Public, but a buyer's address is shown only to holders of the AUDITOR
    role and, for its own sales, to the selling merchant (signed in); everyone else gets the same recall with
    RecallOrder.buyer null and buyers empty. Also as CSV: GET /provenance/{itemId}/recall.csv.
    """
    recall(itemId: Bytes32!): Recall!
  }

  extend type Item {
    "Transformations that consumed the item (made other items from it), in chain order."
    usedIn: [ProvenanceEvent!]!
    "Every packing into and unpacking from a container, in chain order: the containers that carried it over time."
    containers: [AggregationLink!]!
  }

  type Recall {
    "The recalled item."
    item: Item!
    "The recalled item first, then every item made from it, directly or not, in the order reached."
    items: [RecallEntry!]!
    "Containers that carried any recalled item or container."
    containers: [RecallEntry!]!
    "Orders any of them was packed for."
    orders: [RecallOrder!]!
    "Buyers of those orders the caller may see (all for an auditor; a merchant's own sales; none otherwise)."
    buyers: [Address!]!
    "True when the caller holds AUDITOR, so no buyer is left out."
    allBuyersShown: Boolean!
  }

  type RecallEntry {
    item: Item!
    "recalled, transformation (made from 'from') or aggregation (carried 'from')."
    reachedBy: String!
    from: Bytes32
  }

  type RecallOrder {
    id: UInt256!
    merchant: Address!
    status: String!
    "The recalled items or containers packed for the order."
    itemIds: [Bytes32!]!
    "Null unless the caller holds AUDITOR or is the order's merchant."
    buyer: Address
  }
`;

@GraphqlSchemaPart()
@Injectable()
export class ForwardTraceResolver implements SchemaPart {
  readonly typeDefs = forwardTraceTypeDefs;
  readonly resolvers;

  constructor(@Inject(ForwardTraceService) forward: ForwardTraceService) {
    this.resolvers = {
      Query: {
        recall: async (_: unknown, args: { itemId: string }, context: ApiContext) =>
          forward.recall(args.itemId, await context.session()),
      },
      Item: {
        usedIn: (item: ItemRow, _: unknown, context: ApiContext) => context.loaders.itemUsedIn.load(item.id),
        containers: (item: ItemRow, _: unknown, context: ApiContext) => context.loaders.itemContainers.load(item.id),
      },
    };
  }
}
