import { decodeEventLog, type Abi, type Hex } from "viem";
import type { ContractName } from "../../../sdk/artifacts.ts";
import type { Deployment } from "../../../sdk/deployments.ts";
import { HANDLERS } from "../handlers/index.ts";
import type { ChainEvent } from "../handlers/types.ts";
import type { RawLog } from "./rpc.ts";

export interface EventDecoder {
  addresses: Hex[];
  decode(logs: RawLog[]): ChainEvent[];
  /** The same events in chunks of about `size` logs, decoded as they are iterated (so decoding can overlap database writes). */
  chunks(logs: RawLog[], size: number): Generator<ChainEvent[]>;
}

/** Decodes the logs of the deployment's contracts into events that have a handler, in chain order. */
export function eventDecoder(deployment: Deployment): EventDecoder {
  const contracts = new Map<string, { name: ContractName; abi: Abi }>(
    Object.entries(deployment.contracts).map(([name, { address, abi }]) => [address.toLowerCase(), { name: name as ContractName, abi }]),
  );
  const decodeRange = (logs: RawLog[], start: number, end: number): ChainEvent[] => {
    const events: ChainEvent[] = [];
    for (let i = start; i < end; i++) {
      const log = logs[i];
      const contract = contracts.get(log.address.toLowerCase());
      if (!contract || log.removed || log.topics.length === 0) continue;
      let decoded;
      try {
        decoded = decodeEventLog({ abi: contract.abi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
      } catch {
        continue; // an event this ABI does not declare (e.g. from a proxy implementation we do not index)
      }
      if (!decoded.eventName || !HANDLERS[contract.name][decoded.eventName]) continue;
      events.push({
        contract: contract.name,
        name: decoded.eventName,
        args: decoded.args as unknown as Record<string, unknown>,
        blockNumber: Number(log.blockNumber),
        blockHash: log.blockHash.toLowerCase() as Hex,
        logIndex: Number(log.logIndex),
        txHash: log.transactionHash.toLowerCase() as Hex,
      });
    }
    return events;
  };
  return {
    addresses: [...contracts.keys()] as Hex[],
    decode(logs) {
      return decodeRange(logs, 0, logs.length).sort(byPosition);
    },
    *chunks(logs, size) {
      // eth_getLogs answers in chain order; a node that does not is sorted once, up front.
      const ordered = logs.every((log, i) => i === 0 || comparePosition(logs[i - 1], log) <= 0) ? logs : [...logs].sort(comparePosition);
      for (let start = 0; start < ordered.length; start += size) yield decodeRange(ordered, start, Math.min(ordered.length, start + size));
    },
  };
}

const byPosition = (a: ChainEvent, b: ChainEvent) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
const comparePosition = (a: RawLog, b: RawLog) => Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex);
