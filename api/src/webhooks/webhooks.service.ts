import { randomBytes } from "node:crypto";
import { Inject, Injectable } from "@nestjs/common";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { apiWebhookDeliveries, apiWebhooks, merchants, syncState } from "#indexer/store/schema.ts";
import { ValidationError } from "#sdk/errors.ts";
import type { Session } from "../auth/session-tokens.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { checkEndpointUrl } from "./endpoint-address.ts";

export type WebhookRow = typeof apiWebhooks.$inferSelect;

/** A signed-in merchant's webhook endpoints and their delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Registers `url` for the merchant's order events from now on; the secret is returned here only. */
  async register(session: Session, url: string): Promise<{ webhook: WebhookRow; secret: string }> {
    const db = this.database.db;
    const [merchant] = await db.select().from(merchants).where(eq(merchants.address, session.address));
    if (!merchant) throw new ForbiddenError("only a registered merchant can receive order events");
    const endpoint = await checkEndpointUrl(url, this.config.webhooks.allowPrivate);
    const [{ registered }] = await db
      .select({ registered: count() })
      .from(apiWebhooks)
      .where(eq(apiWebhooks.merchant, session.address));
    if (registered >= this.config.webhooks.perMerchant)
      throw new ValidationError("url", `at most ${this.config.webhooks.perMerchant} webhooks per merchant: delete one`);
    const [state] = await db.select({ cursor: syncState.cursorBlock }).from(syncState).where(eq(syncState.id, 1));
    const secret = `whsec_${randomBytes(32).toString("base64url")}`;
    const [webhook] = await db
      .insert(apiWebhooks)
      .values({
        merchant: session.address,
        url: endpoint.toString(),
        secret,
        queuedThrough: state?.cursor ?? 0,
        createdAt: Math.floor(Date.now() / 1000),
      })
      .returning();
    return { webhook, secret };
  }

  list(session: Session): Promise<WebhookRow[]> {
    return this.database.db
      .select()
      .from(apiWebhooks)
      .where(eq(apiWebhooks.merchant, session.address))
      .orderBy(apiWebhooks.id);
  }

  /** Deletes the merchant's webhook and its delivery log; another's or an unknown id is NOT_FOUND. */
  async delete(session: Session, id: string): Promise<void> {
    const deleted = await this.database.db
      .delete(apiWebhooks)
      .where(and(eq(apiWebhooks.id, webhookId(id, "id")), eq(apiWebhooks.merchant, session.address)))
      .returning({ id: apiWebhooks.id });
    if (deleted.length === 0) throw new NotFoundError("webhook", id);
  }

  /** The newest `first` deliveries to the merchant's webhooks (or to one of them), newest first. */
  async deliveries(session: Session, args: { webhookId?: string | null; first?: number | null }) {
    const own = (await this.list(session)).map((webhook) => webhook.id);
    const ids = args.webhookId ? own.filter((id) => id === webhookId(args.webhookId!, "webhookId")) : own;
    if (ids.length === 0) return [];
    return this.database.db
      .select()
      .from(apiWebhookDeliveries)
      .where(inArray(apiWebhookDeliveries.webhookId, ids))
      .orderBy(desc(apiWebhookDeliveries.id))
      .limit(Math.min(args.first ?? 20, this.config.limits.maxPageSize));
  }
}

function webhookId(text: string, field: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new ValidationError(field, "must be a webhook id from `webhooks`");
  return Number(text);
}
