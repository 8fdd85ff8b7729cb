import { roleLabels, roleMembers } from "../store/schema.ts";
import type { ContractHandlers } from "./types.ts";
import { dec, hex, num } from "./values.ts";

export const accessManagerHandlers: ContractHandlers = {
  async RoleGranted(event, store) {
    const key = { roleId: dec(event.args.roleId), account: hex(event.args.account) };
    const current = await store.get(roleMembers, key);
    const renewed = current?.active === true;
    await store.put(roleMembers, {
      ...key,
      active: true,
      since: num(event.args.since),
      executionDelay: num(event.args.delay),
      grantedBlock: renewed ? current.grantedBlock : event.blockNumber,
      revokedBlock: null,
      blockNumber: event.blockNumber,
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
      revokedBlock: event.blockNumber,
      blockNumber: event.blockNumber,
    });
  },
  async RoleLabel(event, store) {
    await store.put(roleLabels, { roleId: dec(event.args.roleId), label: event.args.label as string, blockNumber: event.blockNumber });
  },
};
