import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { abiOf, type ContractName } from "../../sdk/contracts.ts";
import { FUNCTION_ROLES, ROLES, selectorsOf } from "../../sdk/roles.ts";

const DAY = 24n * 60n * 60n;

/**
 * Deploys the whole ledger under one AccessManager and wires its roles.
 * Parameters: `buyerAllowList` (false: open buying; true: only BUYER role holders may order), `feeBps`,
 * `treasury`, the escrow windows in seconds, `defaultBuyerBps` for unruled disputes, and `adminDelay`: once
 * wired, every act of the ADMIN role (granting any role, ADMIN and ARBITER included, the fee and treasury,
 * allowing a token, rewiring) must be scheduled on the AccessManager and waits this many seconds, in view of
 * the whole consortium. Two days by default; operational roles (registrar, pauser, arbiter, ...) act at once.
 */
export default buildModule("Commerce", (m) => {
  const admin = m.getAccount(0);
  const feeBps = m.getParameter("feeBps", 100);
  const treasury = m.getParameter("treasury", admin);
  const adminDelay = m.getParameter("adminDelay", 2n * DAY);
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

  const wiring = [];
  for (const { contract, functions, role } of FUNCTION_ROLES) {
    const target = targets[contract as keyof typeof targets];
    const selectors = selectorsOf(abiOf(contract as ContractName), functions);
    wiring.push(
      m.call(manager, "setTargetFunctionRole", [target, selectors, ROLES[role]], { id: `role_${contract}_${role}` }),
    );
  }
  for (const [name, id] of Object.entries(ROLES)) {
    if (name !== "ADMIN" && name !== "PUBLIC")
      wiring.push(m.call(manager, "labelRole", [id, name], { id: `label_${name}` }));
  }
  // Approving a merchant grants MERCHANT through the registry, so the registry administers that role.
  wiring.push(m.call(manager, "grantRole", [ROLES.MERCHANT_ISSUER, merchants, 0], { id: "grant_MERCHANT_ISSUER" }));
  wiring.push(m.call(manager, "setRoleAdmin", [ROLES.MERCHANT, ROLES.MERCHANT_ISSUER]));
  wiring.push(m.call(listings, "setEscrow", [escrow]));
  // Last: raising one's own execution delay takes effect at once (AccessManager applies no setback upwards).
  m.call(manager, "grantRole", [ROLES.ADMIN, admin, adminDelay], { id: "admin_delay", after: wiring });

  return { manager, merchants, listings, escrow, reviews, provenance };
});
