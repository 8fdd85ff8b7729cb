import { decodeEventLog, type Abi, type Hex } from "viem";
import type { ContractName } from "../../../sdk/artifacts.ts";
import type { Deployment } from "../../../sdk/deployments.ts";
import { HANDLERS } from "../handlers/index.ts";
import type { ChainEvent } from "../handlers/types.ts";
import type { RawLog } from "./rpc.ts";

export interface EventDecoder {
  addresses: Hex[];
  decode(logs: RawLog[]): ChainEvent[];
}

/** Decodes the logs of the deployment's contracts into events that have a handler, in chain order. */
export function eventDecoder(deployment: Deployment): EventDecoder {
  const contracts = new Map<string, { name: ContractName; abi: Abi }>(
    Object.entries(deployment.contracts).map(([name, { address, abi }]) => [address.toLowerCase(), { name: name as ContractName, abi }]),
  );
  return {
    addresses: [...contracts.keys()] as Hex[],
    decode(logs) {
      const events: ChainEvent[] = [];
      for (const log of logs) {
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
      return events.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
    },
  };
}
