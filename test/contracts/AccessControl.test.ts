import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { toFunctionSelector, type Abi, type AbiFunction, type Account, type Address, type Hex } from "viem";
import { NATIVE_TOKEN } from "../../sdk/eip712.ts";
import { FUNCTION_ROLES, ROLES, type RoleName } from "../../sdk/roles.ts";
import {
  PROFILE_CID,
  SHIPPING_CID,
  placeNativeOrder,
  publishListing,
  useCommerce,
  type CommerceFixture,
} from "../fixtures/commerce.ts";

/**
 * Every state-changing function of every contract is classified here; a new function in neither the
 * restricted table nor the unrestricted list fails the inventory test below.
 */

/** Restricted functions left at the AccessManager's default role for unconfigured selectors: ADMIN. */
const ADMIN_DEFAULT = [
  { contract: "ListingRegistry", functions: ["setTokenAllowed", "setEscrow"], role: "ADMIN" },
  { contract: "OrderEscrow", functions: ["setFee", "sweepSurplus"], role: "ADMIN" },
] as const;

/** Functions without `restricted`: each checks its own caller (applicant, operator, buyer, escrow, custodian). */
const UNRESTRICTED: Record<ContractName, readonly string[]> = {
  MerchantRegistry: ["register", "updateProfile", "setPayout", "setSigner", "incrementCounter"],
  ListingRegistry: ["publish", "cancel", "setStock", "reserve", "release"],
  OrderEscrow: [
    "placeOrder",
    "placeOrderWithVoucher",
    "placeOrderWithPermit",
    "placeOrderFor",
    "cancelOrder",
    "acceptOrder",
    "rejectOrder",
    "shipOrder",
    "confirmDelivery",
    "finalizeOrder",
    "reclaimOrder",
    "refundOrder",
    "disputeOrder",
    "settleDispute",
    "withdraw",
    "revokeVoucher",
    "invalidateIntentNonce",
  ],
  Provenance: ["recordEvent", "correctEvent", "aggregate", "disaggregate", "initiateHandoff", "acceptHandoff"],
  Reviews: ["postReview"],
};

/** AccessManaged's own setter: only the AccessManager itself may call it (admins go through updateAuthority). */
const AUTHORITY_ONLY = ["setAuthority"];

const CONTRACTS = ["MerchantRegistry", "ListingRegistry", "OrderEscrow", "Provenance", "Reviews"] as const;
type ContractName = (typeof CONTRACTS)[number];

const contractOf = (f: CommerceFixture, name: ContractName) =>
  ({
    MerchantRegistry: f.merchants,
    ListingRegistry: f.listings,
    OrderEscrow: f.escrow,
    Provenance: f.provenance,
    Reviews: f.reviews,
  })[name];

const RESTRICTED = [...FUNCTION_ROLES, ...ADMIN_DEFAULT].flatMap(({ contract, functions, role }) =>
  functions.map((name) => ({ contract: contract as ContractName, name, role: role as RoleName })),
);

const CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
const ITEM = `0x${"11".repeat(32)}` as Hex;
const OUTPUT = `0x${"22".repeat(32)}` as Hex;
const newItem = (itemId: Hex) => ({
  itemId,
  listingId: `0x${"00".repeat(32)}` as Hex,
  quantity: 1n,
  epc: "urn:epc:id:sgtin:0614141.107346.1",
});

type Scenario = {
  /** The restricted call with arguments that would succeed for the role holder. */
  call: (account: Account) => Promise<Hex>;
  /** Where the holder gets past the access check but the call cannot succeed, the error it gets instead. */
  holderError?: string;
};

/** Per restricted function: the state it needs, then the call. */
const SCENARIOS: Record<string, (f: CommerceFixture) => Promise<Scenario>> = {
  "MerchantRegistry.approve": async (f) => {
    const m2 = await registerMerchant2(f);
    return { call: (account) => f.merchants.write.approve([m2], { account }) };
  },
  "MerchantRegistry.reject": async (f) => {
    const m2 = await registerMerchant2(f);
    return { call: (account) => f.merchants.write.reject([m2, CID], { account }) };
  },
  "MerchantRegistry.suspend": async (f) => ({
    call: (account) => f.merchants.write.suspend([f.accounts.merchant.account.address, CID], { account }),
  }),
  "MerchantRegistry.reinstate": async (f) => {
    const m = f.accounts.merchant.account.address;
    await f.merchants.write.suspend([m, CID], { account: f.accounts.registrar.account });
    return { call: (account) => f.merchants.write.reinstate([m], { account }) };
  },
  "ListingRegistry.setTokenAllowed": async (f) => ({
    call: (account) => f.listings.write.setTokenAllowed([f.token.address, false], { account }),
  }),
  "ListingRegistry.setEscrow": async (f) => ({
    call: (account) => f.listings.write.setEscrow([f.escrow.address], { account }),
    holderError: "ListingRegistryEscrowAlreadySet",
  }),
  "OrderEscrow.ruleDispute": async (f) => {
    const { listingId } = await publishListing(f);
    const { orderId, terms } = await placeNativeOrder(f, listingId);
    await f.escrow.write.shipOrder([orderId, terms, SHIPPING_CID], { account: f.accounts.merchant.account });
    await f.escrow.write.disputeOrder([orderId, CID], { account: f.accounts.buyer.account });
    return { call: (account) => f.escrow.write.ruleDispute([orderId, terms, terms.total / 2n, CID], { account }) };
  },
  "OrderEscrow.pausePlacement": async (f) => ({ call: (account) => f.escrow.write.pausePlacement({ account }) }),
  "OrderEscrow.unpausePlacement": async (f) => {
    await f.escrow.write.pausePlacement({ account: f.accounts.pauser.account });
    return { call: (account) => f.escrow.write.unpausePlacement({ account }) };
  },
  "OrderEscrow.setFee": async (f) => ({
    call: (account) => f.escrow.write.setFee([50, f.accounts.treasury.account.address], { account }),
  }),
  "OrderEscrow.sweepSurplus": async (f) => {
    await f.connection.networkHelpers.setBalance(f.escrow.address, 1n);
    return { call: (account) => f.escrow.write.sweepSurplus([NATIVE_TOKEN], { account }) };
  },
  "Provenance.registerItems": async (f) => ({
    call: (account) => f.provenance.write.registerItems([[newItem(ITEM)]], { account }),
  }),
  "Provenance.transform": async (f) => {
    await f.provenance.write.registerItems([[newItem(ITEM)]], { account: f.accounts.merchant.account });
    return { call: (account) => f.provenance.write.transform([[ITEM], [newItem(OUTPUT)], CID], { account }) };
  },
  "Provenance.attest": async (f) => {
    await f.provenance.write.registerItems([[newItem(ITEM)]], { account: f.accounts.merchant.account });
    return { call: (account) => f.provenance.write.attest([ITEM, CID], { account }) };
  },
};

async function registerMerchant2(f: CommerceFixture): Promise<Address> {
  const { merchant2 } = f.accounts;
  await f.merchants.write.register([PROFILE_CID, merchant2.account.address], { account: merchant2.account });
  return merchant2.account.address;
}

/** The fixture account that holds `role` (every role but BUYER has exactly one named holder). */
function holderOf(f: CommerceFixture, role: RoleName) {
  const { admin, registrar, merchant, arbiter, carrier, auditor, pauser } = f.accounts;
  const holders: Partial<Record<RoleName, typeof admin>> = {
    ADMIN: admin,
    REGISTRAR: registrar,
    MERCHANT: merchant,
    ARBITER: arbiter,
    CARRIER: carrier,
    AUDITOR: auditor,
    PAUSER: pauser,
  };
  const holder = holders[role];
  assert.ok(holder, `no fixture account holds ${role}`);
  return holder;
}

/** Every fixture account that does not hold `role`, checked against the AccessManager. */
async function nonHoldersOf(f: CommerceFixture, role: RoleName) {
  const wallets = [...new Set(Object.values(f.accounts))];
  const flags = await Promise.all(wallets.map((w) => f.manager.read.hasRole([ROLES[role], w.account.address])));
  return wallets.filter((_, i) => !flags[i][0]);
}

/** The `///` comment block right above each `function` in an interface, by function name. */
function natspecByFunction(contract: ContractName): Map<string, string> {
  const lines = readFileSync(new URL(`../../contracts/interfaces/I${contract}.sol`, import.meta.url), "utf8").split(
    "\n",
  );
  const docs = new Map<string, string>();
  lines.forEach((line, i) => {
    const name = /^\s*function\s+(\w+)\s*\(/.exec(line)?.[1];
    if (!name) return;
    const block: string[] = [];
    for (let j = i - 1; j >= 0 && lines[j].trim().startsWith("///"); j--) block.unshift(lines[j].trim());
    docs.set(name, block.join(" "));
  });
  return docs;
}

const stateChanging = (abi: Abi) =>
  abi.filter(
    (item): item is AbiFunction =>
      item.type === "function" && (item.stateMutability === "nonpayable" || item.stateMutability === "payable"),
  );

describe("AccessControl", async () => {
  const { load } = await useCommerce();

  describe("inventory", () => {
    it("classifies each contract's state-changing functions as restricted or deliberately unrestricted", async () => {
      const f = await load();
      for (const name of CONTRACTS) {
        const known = new Set([
          ...RESTRICTED.filter((r) => r.contract === name).map((r) => r.name),
          ...UNRESTRICTED[name],
          ...AUTHORITY_ONLY,
        ]);
        const functions = stateChanging(contractOf(f, name).abi as Abi).map((fn) => fn.name);
        const unclassified = functions.filter((fn) => !known.has(fn));
        assert.deepEqual(
          unclassified,
          [],
          `${name} has functions with no access-control test: ${unclassified.join(", ")}`,
        );
        const stale = UNRESTRICTED[name].filter((fn) => !functions.includes(fn));
        assert.deepEqual(stale, [], `${name} no longer has: ${stale.join(", ")}`);
        const both = RESTRICTED.filter((r) => r.contract === name && UNRESTRICTED[name].includes(r.name));
        assert.deepEqual(both, [], `${name}: listed as both restricted and unrestricted`);
      }
    });

    it("has a scenario for every restricted function, and no scenario for anything else", () => {
      const keys = RESTRICTED.map((r) => `${r.contract}.${r.name}`);
      assert.deepEqual(
        keys.filter((k) => !SCENARIOS[k]),
        [],
      );
      assert.deepEqual(
        Object.keys(SCENARIOS).filter((k) => !keys.includes(k)),
        [],
      );
    });

    it("matches the NatSpec: a function says 'Restricted to ROLE' exactly when the table restricts it to ROLE", () => {
      for (const name of CONTRACTS) {
        const documented = new Map<string, string>();
        for (const [fn, doc] of natspecByFunction(name)) {
          const role = /Restricted to (\w+)/.exec(doc)?.[1];
          if (role) documented.set(fn, role);
        }
        const tabled = new Map(RESTRICTED.filter((r) => r.contract === name).map((r) => [r.name, r.role as string]));
        assert.deepEqual(
          Object.fromEntries(documented),
          Object.fromEntries(tabled),
          `${name}: NatSpec and role table disagree`,
        );
      }
    });

    it("configures the AccessManager with the table's role for every restricted selector", async () => {
      const f = await load();
      for (const { contract, name, role } of RESTRICTED) {
        const target = contractOf(f, contract);
        const fn = stateChanging(target.abi as Abi).find((item) => item.name === name);
        assert.ok(fn, `${contract}.${name} is not in the ABI`);
        const configured = await f.manager.read.getTargetFunctionRole([target.address, toFunctionSelector(fn)]);
        assert.equal(configured, ROLES[role], `${contract}.${name}`);
      }
    });
  });

  describe("restricted functions", async () => {
    for (const { contract, name, role } of RESTRICTED) {
      it(`${contract}.${name}: only the ${role} holder gets through, others AccessManagedUnauthorized`, async () => {
        const f = await load();
        const target = contractOf(f, contract);
        const { call, holderError } = await SCENARIOS[`${contract}.${name}`](f);
        const outsiders = await nonHoldersOf(f, role);
        assert.ok(outsiders.some((w) => w.account.address === f.accounts.stranger.account.address));
        for (const outsider of outsiders) {
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            call(outsider.account),
            target,
            "AccessManagedUnauthorized",
            [outsider.account.address],
          );
        }
        const holder = holderOf(f, role);
        if (holderError) {
          await f.viem.assertions.revertWithCustomError(call(holder.account), target, holderError as never);
        } else {
          const receipt = await f.publicClient.waitForTransactionReceipt({ hash: await call(holder.account) });
          assert.equal(receipt.status, "success");
        }
      });
    }

    it("follows the AccessManager: a role granted to a stranger lets it in, and revoking it shuts it out", async () => {
      const f = await load();
      const { admin, stranger } = f.accounts;
      const { call } = await SCENARIOS["OrderEscrow.pausePlacement"](f);
      await f.manager.write.grantRole([ROLES.PAUSER, stranger.account.address, 0], { account: admin.account });
      await call(stranger.account);
      assert.equal((await f.escrow.read.settings())[1], true);
      await f.manager.write.revokeRole([ROLES.PAUSER, stranger.account.address], { account: admin.account });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        call(stranger.account),
        f.escrow,
        "AccessManagedUnauthorized",
        [stranger.account.address],
      );
    });

    it("lets no account, not even the admin, grant MERCHANT directly: only approval by the registry does", async () => {
      const f = await load();
      const { admin, registrar, merchant2 } = f.accounts;
      for (const caller of [admin, registrar]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.manager.write.grantRole([ROLES.MERCHANT, merchant2.account.address, 0], { account: caller.account }),
          f.manager,
          "AccessManagerUnauthorizedAccount",
          [caller.account.address, ROLES.MERCHANT_ISSUER],
        );
      }
    });
  });

  describe("authority", () => {
    it("refuses setAuthority from every account, admin too: only the AccessManager may move a contract", async () => {
      const f = await load();
      const { admin, stranger } = f.accounts;
      for (const name of CONTRACTS.filter((c) => c !== "Reviews")) {
        const target = contractOf(f, name) as CommerceFixture["merchants"];
        for (const caller of [admin, stranger]) {
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            target.write.setAuthority([stranger.account.address], { account: caller.account }),
            target,
            "AccessManagedUnauthorized",
            [caller.account.address],
          );
        }
        assert.equal(await target.read.authority(), f.manager.address);
      }
    });
  });
});
