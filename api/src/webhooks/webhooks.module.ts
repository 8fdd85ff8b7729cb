import { Module } from "@nestjs/common";
import { WebhookWorker } from "./webhook-worker.ts";
import { WebhooksResolver } from "./webhooks.resolver.ts";
import { WebhooksService } from "./webhooks.service.ts";

/** Merchants' webhooks: registration and delivery log in the schema, and the worker that sends the deliveries. */
@Module({
  providers: [WebhooksService, WebhooksResolver, WebhookWorker],
})
export class WebhooksModule {}
