import { decodeAbiParameters, toEventSelector, type Abi, type AbiEvent, type AbiParameter, type Hex } from "viem";
import type { ContractName } from "../../../sdk/contracts.ts";
import type { Deployment } from "../../../sdk/deployments.ts";
import { InconsistentStateError } from "../errors.ts";
import { handlerOf } from "../handlers/index.ts";
import type { ChainEvent } from "../handlers/types.ts";
import type { RawLog } from "./rpc.ts";

export interface EventDecoder {
  addresses: Hex[];
  decode(logs: RawLog[]): ChainEvent[];
  /**
   * The same events in chunks of about `size` logs, decoded as they are iterated (so decoding can overlap
   * database writes).
   */
  chunks(logs: RawLog[], size: number): Generator<ChainEvent[]>;
}

/** An event with a handler, split once into what its topics and its data hold. */
interface EventLayout {
  contract: ContractName;
  name: string;
  topicCount: number;
  indexed: AbiParameter[];
  data: AbiParameter[];
}

/**
 * Decodes the logs of the deployment's contracts into events that have a handler, in chain order.
 * Each event's layout is looked up by (address, topic0) in a map built once: viem's decodeEventLog
 * formats every ABI event per log to find the one matching topic0, a fifth of a backfill's CPU.
 */
export function eventDecoder(deployment: Deployment): EventDecoder {
  const layouts = new Map<string, Map<string, EventLayout>>();
  for (const [name, { address, abi }] of Object.entries(deployment.contracts)) {
    const contract = name as ContractName;
    layouts.set(address.toLowerCase(), eventLayouts(contract, abi));
  }
  const decodeRange = (logs: RawLog[], start: number, end: number): ChainEvent[] => {
    const events: ChainEvent[] = [];
    for (let i = start; i < end; i++) {
      const log = logs[i];
      const layout = log.removed
        ? undefined
        : layouts.get(log.address.toLowerCase())?.get(log.topics[0]?.toLowerCase());
      if (!layout || log.topics.length !== layout.topicCount) continue; // not an event we index
      if (log.blockTimestamp === undefined)
        throw new InconsistentStateError(
          `log ${Number(log.logIndex)} of block ${Number(log.blockNumber)} has no block timestamp`,
        );
      events.push({
        contract: layout.contract,
        name: layout.name,
        args: decodeArgs(layout, log),
        blockNumber: Number(log.blockNumber),
        blockHash: log.blockHash.toLowerCase() as Hex,
        blockTimestamp: Number(log.blockTimestamp),
        logIndex: Number(log.logIndex),
        txHash: log.transactionHash.toLowerCase() as Hex,
      });
    }
    return events;
  };
  return {
    addresses: [...layouts.keys()] as Hex[],
    decode(logs) {
      return decodeRange(logs, 0, logs.length).sort(byPosition);
    },
    *chunks(logs, size) {
      // eth_getLogs answers in chain order; a node that does not is sorted once, up front.
      const ordered = logs.every((log, i) => i === 0 || comparePosition(logs[i - 1], log) <= 0)
        ? logs
        : [...logs].sort(comparePosition);
      for (let start = 0; start < ordered.length; start += size)
        yield decodeRange(ordered, start, Math.min(ordered.length, start + size));
    },
  };
}

function eventLayouts(contract: ContractName, abi: Abi): Map<string, EventLayout> {
  const layouts = new Map<string, EventLayout>();
  for (const item of abi) {
    if (item.type !== "event" || item.anonymous || !handlerOf(contract, item.name)) continue;
    const event = item as AbiEvent;
    const indexed = event.inputs.filter((input) => input.indexed);
    layouts.set(toEventSelector(event), {
      contract,
      name: event.name,
      topicCount: indexed.length + 1,
      indexed,
      data: event.inputs.filter((input) => !input.indexed),
    });
  }
  return layouts;
}

/** Arguments by name, as viem's decodeEventLog returns them: dynamic indexed values stay their topic (a hash). */
function decodeArgs(layout: EventLayout, log: RawLog): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  layout.indexed.forEach((param, i) => {
    const topic = log.topics[i + 1];
    args[param.name!] = isHashedTopic(param) ? topic : decodeAbiParameters([param], topic)[0];
  });
  if (layout.data.length > 0) {
    const values = decodeAbiParameters(layout.data, log.data);
    layout.data.forEach((param, i) => {
      args[param.name!] = values[i];
    });
  }
  return args;
}

const isHashedTopic = (param: AbiParameter) =>
  param.type === "string" || param.type === "bytes" || param.type.startsWith("tuple") || param.type.endsWith("]");

const byPosition = (a: ChainEvent, b: ChainEvent) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
const comparePosition = (a: RawLog, b: RawLog) =>
  Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex);
