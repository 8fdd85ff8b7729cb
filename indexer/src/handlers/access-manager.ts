import { roleGrantHistory, roleLabels, roleMembers, scheduledOperations } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import type { ChainEvent, ContractHandlers } from "./types.ts";
import { dec, hex, num, required } from "./values.ts";

type OperationEvent = ChainEvent<"AccessManager", "OperationExecuted" | "OperationCanceled">;

async function closeOperation(store: Store, event: OperationEvent, status: "Executed" | "Canceled") {
  const key = { operationId: hex(event.args.operationId), nonce: num(event.args.nonce) };
  const operation = required(await store.get(scheduledOperations, key), "scheduled operation", event);
  await store.put(scheduledOperations, {
    ...operation,
    status,
    closedBlock: event.blockNumber,
    closedAt: event.blockTimestamp,
    blockNumber: event.blockNumber,
  });
}

export const accessManagerHandlers: ContractHandlers<"AccessManager"> = {
  async RoleGranted(event, store) {
    const key = { roleId: dec(event.args.roleId), account: hex(event.args.account) };
    const current = await store.get(roleMembers, key);
    const renewed = current?.active === true;
    const since = num(event.args.since);
    const executionDelay = num(event.args.delay);
    await store.put(roleMembers, {
      ...key,
      active: true,
      since,
      executionDelay,
      grantedBlock: renewed ? current.grantedBlock : event.blockNumber,
      grantedAt: renewed ? current.grantedAt : event.blockTimestamp,
      revokedBlock: null,
      revokedAt: null,
      blockNumber: event.blockNumber,
    });
    const kind = event.args.newMember ? "granted" : "updated";
    store.insert(roleGrantHistory, {
      blockNumber: event.blockNumber,
      logIndex: event.logIndex,
      ...key,
      kind,
      since,
      executionDelay,
      txHash: event.txHash,
      at: event.blockTimestamp,
    });
  },
  async RoleRevoked(event, store) {
    const key = { roleId: dec(event.args.roleId), account: hex(event.args.account) };
    const current = await store.get(roleMembers, key);
    await store.put(roleMembers, {
      ...key,
      active: false,
      since: current?.since ?? null,
      executionDelay: current?.executionDelay ?? null,
      grantedBlock: current?.grantedBlock ?? null,
      grantedAt: current?.grantedAt ?? null,
      revokedBlock: event.blockNumber,
      revokedAt: event.blockTimestamp,
      blockNumber: event.blockNumber,
    });
    store.insert(roleGrantHistory, {
      blockNumber: event.blockNumber,
      logIndex: event.logIndex,
      ...key,
      kind: "revoked",
      since: null,
      executionDelay: null,
      txHash: event.txHash,
      at: event.blockTimestamp,
    });
  },
  async OperationScheduled(event, store) {
    store.insert(scheduledOperations, {
      operationId: hex(event.args.operationId),
      nonce: num(event.args.nonce),
      caller: hex(event.args.caller),
      target: hex(event.args.target),
      data: hex(event.args.data),
      executableAt: num(event.args.schedule),
      status: "Scheduled",
      scheduledBlock: event.blockNumber,
      scheduledAt: event.blockTimestamp,
      txHash: event.txHash,
      closedBlock: null,
      closedAt: null,
      blockNumber: event.blockNumber,
    });
  },
  async OperationExecuted(event, store) {
    await closeOperation(store, event, "Executed");
  },
  async OperationCanceled(event, store) {
    await closeOperation(store, event, "Canceled");
  },
  async RoleLabel(event, store) {
    await store.put(roleLabels, {
      roleId: dec(event.args.roleId),
      label: event.args.label,
      blockNumber: event.blockNumber,
    });
  },
};
