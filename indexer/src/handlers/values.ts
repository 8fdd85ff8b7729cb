import { InconsistentStateError } from "../errors.ts";
import type { ChainEvent } from "./types.ts";

// These turn decoded event arguments into the column types of the store (decimal strings, lowercase hex).

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
export const ZERO_BYTES32 = `0x${"0".repeat(64)}`;

/** An address or hash, lowercase. */
export const hex = (value: unknown): string => String(value).toLowerCase();
/** A uint of any width as a decimal string (numeric columns). */
export const dec = (value: unknown): string => BigInt(value as bigint).toString();
/** A small uint (≤ 2^53) as a number. */
export const num = (value: unknown): number => Number(value);

export const hexList = (value: unknown): string[] => (value as unknown[]).map(hex);

export const decAdd = (a: string, b: string): string => (BigInt(a) + BigInt(b)).toString();
export const decSub = (a: string, b: string): string => (BigInt(a) - BigInt(b)).toString();

/** The row an event needs to exist; its absence means the log stream is broken, not the chain. */
export function required<T>(row: T | undefined, what: string, event: ChainEvent): T {
  if (row === undefined) {
    throw new InconsistentStateError(
      `${event.contract}.${event.name} at block ${event.blockNumber} log ${event.logIndex}: unknown ${what}`,
    );
  }
  return row;
}
