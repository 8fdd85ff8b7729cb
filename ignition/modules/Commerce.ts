import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { abiOf, type ContractName } from "../../sdk/contracts.ts";
import { FUNCTION_ROLES, ROLES, selectorsOf } from "../../sdk/roles.ts";

const DAY = 24n * 60n * 60n;

/**
 * Deploys the whole ledger under one AccessManager and wires its roles.
 * Parameters: `buyerAllowList` (false: open buying; true: only BUYER role holders may order), `feeBps`,
 * `treasury`, the escrow windows in seconds and `defaultBuyerBps` for unruled disputes.
 */
export default buildModule("Commerce", (m) => {
  const admin = m.getAccount(0);
  const feeBps = m.getParameter("feeBps", 100);
  const treasury = m.getParameter("treasury", admin);
  const escrowConfig = {
    shipWindow: m.getParameter("shipWindow", 7n * DAY),
    confirmWindow: m.getParameter("confirmWindow", 14n * DAY),
    rulingWindow: m.getParameter("rulingWindow", 7n * DAY),
    defaultBuyerBps: m.getParameter("defaultBuyerBps", 10_000),
    buyerAllowList: m.getParameter("buyerAllowList", false),
  };

  const manager = m.contract("AccessManager", [admin]);
  const merchants = m.contract("MerchantRegistry", [manager]);
  const listings = m.contract("ListingRegistry", [manager, merchants]);
  const escrow = m.contract("OrderEscrow", [manager, merchants, listings, escrowConfig, feeBps, treasury]);
  const reviews = m.contract("Reviews", [escrow]);
  const provenance = m.contract("Provenance", [manager]);
  const targets = { MerchantRegistry: merchants, OrderEscrow: escrow, Provenance: provenance } as const;

  for (const { contract, functions, role } of FUNCTION_ROLES) {
    const target = targets[contract as keyof typeof targets];
    const selectors = selectorsOf(abiOf(contract as ContractName), functions);
    m.call(manager, "setTargetFunctionRole", [target, selectors, ROLES[role]], { id: `role_${contract}_${role}` });
  }
  for (const [name, id] of Object.entries(ROLES)) {
    if (name !== "ADMIN" && name !== "PUBLIC") m.call(manager, "labelRole", [id, name], { id: `label_${name}` });
  }
  // Approving a merchant grants MERCHANT through the registry, so the registry administers that role.
  m.call(manager, "grantRole", [ROLES.MERCHANT_ISSUER, merchants, 0], { id: "grant_MERCHANT_ISSUER" });
  m.call(manager, "setRoleAdmin", [ROLES.MERCHANT, ROLES.MERCHANT_ISSUER]);
  m.call(listings, "setEscrow", [escrow]);

  return { manager, merchants, listings, escrow, reviews, provenance };
});
