import type { Hex } from "viem";
import type { Logger } from "pino";
import type { Db } from "../../indexer/src/store/db.ts";
import { sleep } from "../../indexer/src/sleep.ts";
import { plainReason } from "../../sdk/contract-errors.ts";
import { isoFromSeconds } from "../../sdk/time.ts";
import type { KeeperConfig } from "./config.ts";
import { dueOrders, type DueOrder } from "./due-orders.ts";
import { CallRevertedError } from "./errors.ts";
import type { EscrowCaller } from "./escrow-caller.ts";
import { KeeperMetrics } from "./metrics.ts";

const MAX_RETRY_MS = 5 * 60_000;

/** What the keeper did with an order at the version of it the index showed. */
interface Attempt {
  version: number;
  /** Network faults in a row; while any, the order is tried again from `retryAt` (wall-clock ms). */
  faults: number;
  retryAt?: number;
}

export interface RoundReport {
  chainTime: number;
  due: DueOrder[];
  sent: DueOrder[];
  failed: DueOrder[];
}

/**
 * Sends the permissionless call that ends each order whose deadline the chain's time has passed: reclaim after
 * the ship-by deadline, finalize after the confirmation window, the default settlement after the ruling window.
 * Due orders come from the index. An order is acted on once per version of its index row: a call sent, refused
 * (reverted in the estimate or on chain) or reported in a dry run is not sent again until the indexer records a
 * change to the order; a network fault is retried with doubling back-off.
 */
export class Keeper {
  readonly metrics = new KeeperMetrics();
  readonly #attempts = new Map<string, Attempt>();
  readonly #db: Db;
  readonly #caller: EscrowCaller;
  readonly #config: KeeperConfig;
  readonly #logger: Logger;

  constructor(deps: { db: Db; caller: EscrowCaller; config: KeeperConfig; logger: Logger }) {
    this.#db = deps.db;
    this.#caller = deps.caller;
    this.#config = deps.config;
    this.#logger = deps.logger;
  }

  /** Rounds every poll interval until `signal` aborts; a failed round is logged and retried with back-off. */
  async run(signal: AbortSignal): Promise<void> {
    let faults = 0;
    while (!signal.aborted) {
      try {
        await this.runOnce();
        faults = 0;
      } catch (error) {
        faults++;
        this.metrics.faults++;
        this.#logger.error({ err: error, retry_in_ms: this.#backoff(faults) }, "keeper round failed");
      }
      await sleep(faults > 0 ? this.#backoff(faults) : this.#config.pollIntervalMs, signal);
    }
  }

  /** One round: reads the chain's time and the due orders, sends (or, dry, reports) and confirms the calls. */
  async runOnce(): Promise<RoundReport> {
    const chainTime = await this.#caller.chainTime();
    const due = await dueOrders(this.#db, chainTime);
    this.metrics.rounds++;
    this.metrics.chainTime = chainTime;
    this.metrics.due = due.length;
    const dueIds = new Set(due.map((order) => order.id));
    for (const id of this.#attempts.keys()) if (!dueIds.has(id)) this.#attempts.delete(id);
    const next = due.filter((order) => this.#mayTry(order));
    const report: RoundReport = { chainTime, due, sent: [], failed: [] };
    if (this.#config.dryRun) {
      for (const order of next) {
        this.#attempts.set(order.id, { version: order.version, faults: 0 });
        this.#logger.info(this.#fields(order), "due: dry run, not sent");
      }
    } else if (next.length > 0) {
      const { broadcast, refused } = await this.#send(next.slice(0, this.#config.maxPerRound));
      report.failed.push(...refused);
      await Promise.all(
        broadcast.map(async ({ order, hash }) =>
          ((await this.#confirm(order, hash)) ? report.sent : report.failed).push(order),
        ),
      );
    }
    const fields = { chain_time: isoFromSeconds(chainTime), due: due.length, sent: report.sent.length };
    if (next.length > 0) this.#logger.info({ ...fields, failed: report.failed.length }, "keeper round");
    else this.#logger.debug(fields, "keeper round: nothing new is due");
    return report;
  }

  /**
   * Broadcasts the calls one after another with consecutive nonces from the account's pending count. A call the
   * escrow refuses is recorded and skipped; a fault ends the round's sending, since the node may hold the nonce.
   */
  async #send(orders: DueOrder[]): Promise<{ broadcast: { order: DueOrder; hash: Hex }[]; refused: DueOrder[] }> {
    let nonce = await this.#caller.pendingNonce();
    const broadcast: { order: DueOrder; hash: Hex }[] = [];
    const refused: DueOrder[] = [];
    for (const order of orders) {
      try {
        const hash = await this.#caller.send(order.call, order.id, order.terms, nonce);
        nonce++;
        this.#attempts.set(order.id, { version: order.version, faults: 0 });
        broadcast.push({ order, hash });
      } catch (error) {
        if (!(error instanceof CallRevertedError)) {
          this.#fault(order, error);
          break;
        }
        this.#refused(order, error);
        refused.push(order);
      }
    }
    return { broadcast, refused };
  }

  /** True when the call was mined and succeeded. */
  async #confirm(order: DueOrder, hash: Hex): Promise<boolean> {
    try {
      const receipt = await this.#caller.confirm(hash);
      this.metrics.sent++;
      this.#logger.info({ ...this.#fields(order), tx: hash, block: Number(receipt.blockNumber) }, "order settled");
      return true;
    } catch (error) {
      if (error instanceof CallRevertedError) this.#refused(order, error);
      else {
        this.metrics.failed++;
        this.#logger.error(
          { ...this.#fields(order), tx: hash, error: plainReason(error) },
          "call sent but not confirmed: not sent again until the order changes",
        );
      }
      return false;
    }
  }

  #refused(order: DueOrder, error: CallRevertedError): void {
    this.metrics.failed++;
    this.#attempts.set(order.id, { version: order.version, faults: 0 });
    this.#logger.warn(
      { ...this.#fields(order), error: error.message },
      "call refused: skipped until the index shows the order changed",
    );
  }

  #fault(order: DueOrder, error: unknown): void {
    const previous = this.#attempts.get(order.id);
    const faults = previous?.version === order.version ? previous.faults + 1 : 1;
    const retryIn = this.#backoff(faults);
    this.metrics.faults++;
    this.#attempts.set(order.id, { version: order.version, faults, retryAt: Date.now() + retryIn });
    this.#logger.warn(
      { ...this.#fields(order), error: plainReason(error), retry_in_ms: retryIn },
      "call failed; retrying",
    );
  }

  #mayTry(order: DueOrder): boolean {
    const attempt = this.#attempts.get(order.id);
    if (attempt === undefined || attempt.version !== order.version) return true;
    return attempt.retryAt !== undefined && Date.now() >= attempt.retryAt;
  }

  #backoff(faults: number): number {
    return Math.min(MAX_RETRY_MS, this.#config.retryBaseMs * 2 ** (faults - 1));
  }

  #fields(order: DueOrder) {
    return { order_id: order.id, call: order.call, status: order.status, deadline: isoFromSeconds(order.deadline) };
  }
}
