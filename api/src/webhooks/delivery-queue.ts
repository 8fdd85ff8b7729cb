import { and, eq, lt, sql as drizzleSql } from "drizzle-orm";
import { apiWebhookDeliveries, syncState } from "#indexer/store/schema.ts";
import { queryRows, sql, type Db } from "../database.ts";

/**
 * Queues every order event the index committed since each endpoint's last pass (order_timeline rows of its
 * merchant's orders) as a PENDING delivery, then moves the endpoints' mark to the index's cursor. Derived from the
 * index rather than written by the indexer, so a slow or failing endpoint costs the indexer nothing. A rollback
 * moves the cursor back, and the mark with it: events of the new branch are queued (one delivery per endpoint and
 * (block, log index), so nothing is queued twice); one already sent from the abandoned branch stays sent.
 */
export async function queueOrderEvents(db: Db, nowMs: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [state] = await tx.select({ cursor: syncState.cursorBlock }).from(syncState).where(eq(syncState.id, 1));
    const cursor = state?.cursor ?? 0;
    await tx.execute(sql`
      insert into api_webhook_deliveries
        (webhook_id, order_id, block_number, log_index, event, payload, status, attempts, next_attempt_at, created_at)
      select w.id, t.order_id, t.block_number, t.log_index, t.event,
        jsonb_build_object(
          'event', t.event, 'orderId', t.order_id::text, 'status', t.status,
          'merchant', o.merchant, 'buyer', o.buyer, 'token', o.token, 'total', o.total::text,
          'blockNumber', t.block_number, 'logIndex', t.log_index, 'txHash', t.tx_hash,
          'at', to_char(to_timestamp(t.at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'data', t.data),
        'PENDING', 0, ${nowMs}, ${Math.floor(nowMs / 1000)}
      from api_webhooks w
        join order_timeline t on t.block_number > w.queued_through and t.block_number <= ${cursor}
        join orders o on o.id = t.order_id and o.merchant = w.merchant
      order by t.block_number, t.log_index
      on conflict do nothing`);
    await tx.execute(sql`update api_webhooks set queued_through = ${cursor} where queued_through <> ${cursor}`);
  });
}

export interface DueDelivery {
  id: number;
  webhookId: number;
  url: string;
  secret: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Up to `limit` deliveries due now, at most `perEndpoint` for each endpoint (so an endpoint with a long backlog
 * leaves room for the others), each the earliest still pending of its order to that endpoint (so each order's
 * events arrive in order), oldest event first.
 */
export async function dueDeliveries(db: Db, nowMs: number, perEndpoint: number, limit: number): Promise<DueDelivery[]> {
  return queryRows<DueDelivery>(
    db,
    sql`select id, "webhookId", url, secret, payload, attempts from (
          select d.id::float8 as id, d.webhook_id::float8 as "webhookId", w.url, w.secret, d.payload, d.attempts,
            d.block_number, d.log_index,
            row_number() over (partition by d.webhook_id order by d.block_number, d.log_index) as place
          from api_webhook_deliveries d join api_webhooks w on w.id = d.webhook_id
          where d.status = 'PENDING' and d.next_attempt_at <= ${nowMs}
            and not exists (
              select 1 from api_webhook_deliveries e
              where e.webhook_id = d.webhook_id and e.order_id = d.order_id and e.status = 'PENDING'
                and (e.block_number, e.log_index) < (d.block_number, d.log_index))) due
        where place <= ${perEndpoint}
        order by block_number, log_index
        limit ${limit}`,
  );
}

/**
 * Takes a due delivery for this sender until `leaseUntilMs`: false when another sender (an API replica) took it
 * first. A sender that dies mid-send leaves it to be retried when the lease ends.
 */
export async function claim(db: Db, id: number, nowMs: number, leaseUntilMs: number): Promise<boolean> {
  const claimed = await db
    .update(apiWebhookDeliveries)
    .set({ nextAttemptAt: leaseUntilMs })
    .where(
      and(
        eq(apiWebhookDeliveries.id, id),
        eq(apiWebhookDeliveries.status, "PENDING"),
        drizzleSql`${apiWebhookDeliveries.nextAttemptAt} <= ${nowMs}`,
      ),
    )
    .returning({ id: apiWebhookDeliveries.id });
  return claimed.length === 1;
}

/** Records one attempt: DELIVERED on a 2xx answer, else PENDING again at `retryAtMs`. */
export async function recordAttempt(
  db: Db,
  delivery: DueDelivery,
  outcome: { statusCode: number | null; error: string | null },
  nowMs: number,
  retryAtMs: number,
): Promise<void> {
  await db
    .update(apiWebhookDeliveries)
    .set({
      status: outcome.error ? "PENDING" : "DELIVERED",
      attempts: delivery.attempts + 1,
      nextAttemptAt: outcome.error ? retryAtMs : nowMs,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      deliveredAt: outcome.error ? null : Math.floor(nowMs / 1000),
    })
    .where(eq(apiWebhookDeliveries.id, delivery.id));
}

/** Forgets deliveries DELIVERED before `beforeMs` (a delivered row's next_attempt_at is when it was delivered). */
export async function forgetDelivered(db: Db, beforeMs: number): Promise<void> {
  await db
    .delete(apiWebhookDeliveries)
    .where(and(eq(apiWebhookDeliveries.status, "DELIVERED"), lt(apiWebhookDeliveries.nextAttemptAt, beforeMs)));
}
