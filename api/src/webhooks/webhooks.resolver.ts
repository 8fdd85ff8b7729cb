import { Inject, Injectable } from "@nestjs/common";
import { requireSession } from "../auth/guard.ts";
import type { ApiContext } from "../common/context.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { WebhooksService } from "./webhooks.service.ts";

const webhooksTypeDefs = /* GraphQL */ `
  type Query {
    "The signed-in merchant's webhook endpoints."
    webhooks: [Webhook!]!
    "The newest deliveries to the signed-in merchant's webhooks (or to one), newest first."
    webhookDeliveries(webhookId: ID, first: Int = 20): [WebhookDelivery!]!
  }
  type Mutation {
    """
    Registers an http(s) endpoint for the signed-in merchant's order events from now on. Each event is POSTed as JSON
    signed with HMAC-SHA256: X-Ledger-Signature: sha256=<hex of HMAC(secret, "<X-Ledger-Timestamp>.<body>")>. The
    secret is shown here only.
    """
    registerWebhook(url: String!): RegisteredWebhook!
    "Deletes one of the signed-in merchant's webhooks and its delivery log."
    deleteWebhook(id: ID!): Boolean!
  }
  type Webhook { id: ID! url: String! createdAt: Timestamp! }
  type RegisteredWebhook { webhook: Webhook! secret: String! }
  enum WebhookDeliveryStatus { PENDING DELIVERED }
  type WebhookDelivery {
    id: ID!
    webhookId: ID!
    orderId: UInt256!
    "The order event: OrderPlaced, OrderShipped…"
    event: String!
    "PENDING until the endpoint answers 2xx (retried with back-off), then DELIVERED."
    status: WebhookDeliveryStatus!
    attempts: Int!
    lastStatusCode: Int
    lastError: String
    "When the next attempt is due, while PENDING."
    nextAttemptAt: Timestamp
    createdAt: Timestamp!
    deliveredAt: Timestamp
    "The JSON body sent (without deliveryId)."
    payload: JSON!
  }
`;

const webhooksResolvers = (webhooks: WebhooksService) => ({
  Query: {
    webhooks: async (_: unknown, __: unknown, context: ApiContext) => webhooks.list(await requireSession(context)),
    webhookDeliveries: async (_: unknown, args: { webhookId?: string; first?: number }, context: ApiContext) =>
      webhooks.deliveries(await requireSession(context), args),
  },
  Mutation: {
    registerWebhook: async (_: unknown, args: { url: string }, context: ApiContext) =>
      webhooks.register(await requireSession(context), args.url),
    deleteWebhook: async (_: unknown, args: { id: string }, context: ApiContext) => {
      await webhooks.delete(await requireSession(context), args.id);
      return true;
    },
  },
  WebhookDelivery: {
    nextAttemptAt: (delivery: { status: string; nextAttemptAt: number }) =>
      delivery.status === "PENDING" ? Math.floor(delivery.nextAttemptAt / 1000) : null,
  },
});

@GraphqlSchemaPart()
@Injectable()
export class WebhooksResolver implements SchemaPart {
  readonly typeDefs = webhooksTypeDefs;
  readonly resolvers;

  constructor(@Inject(WebhooksService) webhooks: WebhooksService) {
    this.resolvers = webhooksResolvers(webhooks);
  }
}
