// Deterministic values of the bench's seeded rows: hashes, CIDs and block times.
import { createHash } from "node:crypto";

/** 0x hex of `bytes` bytes derived from `seed`. */
export const hex = (seed: string, bytes = 32) =>
  `0x${createHash("sha256")
    .update(seed)
    .digest("hex")
    .slice(0, bytes * 2)}`;
/** A CID-shaped string derived from `seed`. */
export const cidOf = (seed: string) =>
  `bafkrei${createHash("sha256")
    .update(seed)
    .digest("hex")
    .replace(/[^a-z2-7]/g, "a")
    .slice(0, 52)}`;
/** A block's time: one block every 2 s from 2026-01-01. */
export const timeOf = (block: number) => 1_767_225_600 + 2 * block;
