import { encodeFunctionData, type Abi, type Hex } from "viem";
import { ROLES } from "../../../sdk/roles.ts";
import { isoFromSeconds } from "../../../sdk/time.ts";
import type { Context } from "./context.ts";
import type { Call } from "./transact.ts";

/** What became of an ADMIN act: done, or waiting in the AccessManager's queue until `executableAt`. */
export type GovernedOutcome =
  | { status: "executed"; tx: Hex }
  | { status: "scheduled"; tx: Hex | null; operationId: Hex; executableAt: string };

/**
 * Sends an ADMIN act. Without an execution delay it is sent at once. With one, the first run schedules it, a run
 * before its time says when it can run, and a run after executes it: the same command, run again, finishes it.
 */
export async function sendGoverned(ctx: Context, call: Call): Promise<GovernedOutcome> {
  const chain = await ctx.chain();
  const tx = await ctx.tx();
  const caller = (await ctx.identity()).account.address;
  const manager = chain.contract("AccessManager");
  const read = (functionName: string, args: unknown[]) =>
    chain.client.readContract({ ...manager, functionName, args } as never) as Promise<unknown>;
  const [, delay] = (await read("getAccess", [ROLES.ADMIN, caller])) as [number, number];
  if (delay === 0) return { status: "executed", tx: (await tx.send(call)).transactionHash };

  const target = chain.contract(call.contract).address;
  const data = encodeFunctionData({ abi: chain.contract(call.contract).abi as Abi, ...call } as never);
  const operationId = (await read("hashOperation", [caller, target, data])) as Hex;
  const now = Number((await chain.client.getBlock()).timestamp);
  let schedule = Number(await read("getSchedule", [operationId]));
  let scheduledTx: Hex | null = null;
  if (schedule === 0) {
    const receipt = await tx.send({ contract: "AccessManager", functionName: "schedule", args: [target, data, 0] });
    scheduledTx = receipt.transactionHash;
    schedule = Number(await read("getSchedule", [operationId]));
  }
  // The next block is at least a second later.
  if (schedule > now + 1 || scheduledTx)
    return { status: "scheduled", tx: scheduledTx, operationId, executableAt: isoFromSeconds(schedule) };
  const receipt = await tx.send({ contract: "AccessManager", functionName: "execute", args: [target, data] });
  return { status: "executed", tx: receipt.transactionHash };
}
