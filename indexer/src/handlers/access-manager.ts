import { roleGrantHistory, roleLabels, roleMembers } from "../store/schema.ts";
import type { ContractHandlers } from "./types.ts";
import { dec, hex, num } from "./values.ts";

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
  async RoleLabel(event, store) {
    await store.put(roleLabels, {
      roleId: dec(event.args.roleId),
      label: event.args.label,
      blockNumber: event.blockNumber,
    });
  },
};
