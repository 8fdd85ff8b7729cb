import type { Hex } from "viem";
import type { ContractName } from "../../../sdk/artifacts.ts";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Store } from "../store/store.ts";

/** A decoded log with its position on the chain. */
export interface ChainEvent {
  contract: ContractName;
  name: string;
  args: Record<string, unknown>;
  blockNumber: number;
  blockHash: Hex;
  /** The block's timestamp, unix seconds. */
  blockTimestamp: number;
  logIndex: number;
  txHash: Hex;
}

/** Applies one event to the store: no RPC, no clock, no randomness. */
export type Handler = (event: ChainEvent, store: Store) => Promise<void>;
export type ContractHandlers = Readonly<Record<string, Handler>>;

/** The rows (table, key) an event's handler will read: loaded for a whole batch in one query per table. */
export type Prefetch = (event: ChainEvent) => [PgTable, Record<string, unknown>][];
export type ContractPrefetch = Readonly<Record<string, Prefetch>>;
