import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from "@nestjs/common";
import type { Logger } from "pino";
import { WEBHOOK_HEADERS, webhookSignature } from "#sdk/webhook-signature.ts";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import {
  claim,
  type DueDelivery,
  dueDeliveries,
  forgetDelivered,
  queueOrderEvents,
  recordAttempt,
} from "./delivery-queue.ts";
import { postDelivery } from "./post-delivery.ts";

/** Due deliveries read per pass (at most `concurrency` per endpoint); the rest wait for the next pass. */
const PASS_SIZE = 1_000;

/**
 * Sends the queued deliveries: every `pollMs` it queues the new order events, then starts each due delivery whose
 * endpoint has fewer than `concurrency` in flight, without waiting for it, so a slow or failing endpoint holds up
 * only its own deliveries. Each attempt is signed afresh (HMAC-SHA256 over `<timestamp>.<body>`); a failure is
 * retried after retryBaseMs, doubling per attempt up to retryMaxMs, until the endpoint answers 2xx.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  readonly #inFlight = new Map<number, number>();
  readonly #sends = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  /** The pass under way, which shutdown waits for: it must not query a database closed after the API. */
  #passing: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.webhooks.worker) this.#schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#passing;
    await Promise.all(this.#sends);
  }

  /** One pass: queue new events, forget old delivered ones, start the due deliveries. */
  async pass(nowMs = Date.now()): Promise<void> {
    const db = this.database.db;
    await queueOrderEvents(db, nowMs);
    await forgetDelivered(db, nowMs - this.config.webhooks.logDays * 86_400_000);
    const { concurrency, timeoutMs } = this.config.webhooks;
    for (const delivery of await dueDeliveries(db, nowMs, concurrency, PASS_SIZE)) {
      if (this.#stopped) break; // shutting down: start no send that would outlive the database
      const busy = this.#inFlight.get(delivery.webhookId) ?? 0;
      if (busy >= concurrency) continue;
      // The lease outlasts the attempt's timeout: no other sender retries it while this one may still succeed.
      if (!(await claim(db, delivery.id, nowMs, nowMs + 2 * timeoutMs))) continue;
      this.#inFlight.set(delivery.webhookId, busy + 1);
      const send = this.#send(delivery).finally(() => {
        this.#sends.delete(send);
        const left = (this.#inFlight.get(delivery.webhookId) ?? 1) - 1;
        if (left === 0) this.#inFlight.delete(delivery.webhookId);
        else this.#inFlight.set(delivery.webhookId, left);
      });
      this.#sends.add(send);
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#passing = this.pass()
        .catch((error: unknown) => this.logger.warn({ err: error }, "webhook pass failed"))
        .finally(() => this.#schedule());
    }, this.config.webhooks.pollMs);
    this.#timer.unref();
  }

  async #send(delivery: DueDelivery): Promise<void> {
    const { timeoutMs, allowPrivate, retryBaseMs, retryMaxMs } = this.config.webhooks;
    const body = JSON.stringify({ deliveryId: String(delivery.id), ...delivery.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await postDelivery(
      delivery.url,
      body,
      {
        [WEBHOOK_HEADERS.signature]: webhookSignature(delivery.secret, timestamp, body),
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.delivery]: String(delivery.id),
      },
      { timeoutMs, allowPrivate },
    );
    const now = Date.now();
    const retryAt = now + Math.min(retryBaseMs * 2 ** delivery.attempts, retryMaxMs);
    try {
      await recordAttempt(this.database.db, delivery, outcome, now, retryAt);
    } catch (error) {
      this.logger.warn({ err: error, delivery_id: delivery.id }, "webhook attempt not recorded");
    }
    if (outcome.error)
      this.logger.info(
        {
          delivery_id: delivery.id,
          webhook_id: delivery.webhookId,
          attempts: delivery.attempts + 1,
          err: outcome.error,
        },
        "webhook delivery failed; will retry",
      );
  }
}
