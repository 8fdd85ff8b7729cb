import type { Hex } from "viem";
import { itemIdOf } from "../../../../sdk/item-id.ts";

/** The item id a typed reference names (an id, or the EPC printed on the item), or an error in plain words. */
export function itemReference(text: string): { itemId: Hex } | { error: string } {
  const reference = text.trim();
  if (!reference) return { error: "Enter an item id or an EPC such as urn:epc:id:sgtin:…" };
  if (/^0x/i.test(reference) && !/^0x[0-9a-f]{64}$/i.test(reference))
    return { error: "An item id is 0x followed by 64 hexadecimal digits." };
  return { itemId: itemIdOf(reference) };
}
