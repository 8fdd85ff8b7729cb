import { keccak256, toHex, type Hex } from "viem";

/** An item is named by its 32-byte id or by its EPC URI, whose keccak-256 is the id (as the demo does). */
export function itemIdOf(reference: string): Hex {
  return /^0x[0-9a-fA-F]{64}$/.test(reference) ? (reference.toLowerCase() as Hex) : keccak256(toHex(reference));
}
