import type { ContractEventName, GetEventArgs, Hex } from "viem";
import type { ContractAbi, ContractName } from "../../../sdk/contracts.ts";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Store } from "../store/store.ts";

export type EventName<C extends ContractName> = ContractEventName<ContractAbi<C>>;

/** An event's decoded arguments, typed from the contract's `as const` ABI. */
export type EventArgs<C extends ContractName, N extends string> = GetEventArgs<
  ContractAbi<C>,
  N,
  { EnableUnion: false; IndexedOnly: false; Required: true }
>;

/** A decoded log with its position on the chain: typed by contract and event name, or any event when unnamed. */
export interface ChainEvent<C extends ContractName = ContractName, N extends string = string> {
  contract: C;
  name: N;
  args: string extends N ? Record<string, unknown> : EventArgs<C, N>;
  blockNumber: number;
  blockHash: Hex;
  /** The block's timestamp, unix seconds. */
  blockTimestamp: number;
  logIndex: number;
  txHash: Hex;
}

/** Applies one event to the store: no RPC, no clock, no randomness. */
export type Handler<C extends ContractName = ContractName, N extends string = string> = (
  event: ChainEvent<C, N>,
  store: Store,
) => Promise<void>;
/** A contract's handlers by event name: a name that is not an event of its ABI is a type error. */
export type ContractHandlers<C extends ContractName> = { readonly [N in EventName<C>]?: Handler<C, N> };

/** The rows (table, key) an event's handler will read: loaded for a whole batch in one query per table. */
export type Prefetch<C extends ContractName = ContractName, N extends string = string> = (
  event: ChainEvent<C, N>,
) => [PgTable, Record<string, unknown>][];
export type ContractPrefetch<C extends ContractName> = { readonly [N in EventName<C>]?: Prefetch<C, N> };
