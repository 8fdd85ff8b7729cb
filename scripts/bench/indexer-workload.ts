// The indexer benchmark's workload: a marketplace's mix of events on a local Hardhat node. Merchants
// register and publish signed listings (some superseded by a second version, some restocked), buyers
// place orders that end completed (half reviewed), rejected, cancelled, partially refunded, disputed
// and ruled, or stay open; payouts are withdrawn; merchants register provenance items, record events,
// hand items to a carrier, pack cases, and an auditor attests. Transactions are sent in JSON-RPC batches
// with automine off and mined 1,000 to a block (by default), so ~50,000 transactions take about a minute.
import { request as httpRequest } from "node:http";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { encodeFunctionData, keccak256, toHex, zeroHash, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { Logger } from "pino";
import type { ContractName } from "../../sdk/contracts.ts";
import type { Deployment } from "../../sdk/deployments.ts";
import { listingDomain, listingTypes, NATIVE_TOKEN, type Listing } from "../../sdk/eip712.ts";
import { ROLES } from "../../sdk/roles.ts";
import { eventDecoder } from "../../indexer/src/sync/decode.ts";
import { RpcClient } from "../../indexer/src/sync/rpc.ts";
import type { ChainEvent } from "../../indexer/src/handlers/types.ts";

const MNEMONIC = "test test test test test test test test test test test junk"; // Hardhat's development accounts
const TXS_PER_BLOCK = 1_000;
const MERCHANTS = 4;
const BUYERS = 10;

interface Tx {
  from: Address;
  contract: ContractName;
  functionName: string;
  args: unknown[];
  value?: bigint;
  gas?: number;
}

type Terms = {
  buyer: Address;
  merchant: Address;
  token: Address;
  total: bigint;
  feeBps: number;
  lines: readonly { listingId: Hex; quantity: bigint }[];
};

/** Sizes for ~100,000 events at scale 1. */
export function workloadSize(targetEvents: number) {
  const scale = targetEvents / 100_000;
  return {
    listingsPerMerchant: Math.max(10, Math.round(600 * scale)),
    orders: Math.max(40, Math.round(10_000 * scale)),
    itemsPerMerchant: Math.max(100, Math.round(10_000 * scale)),
  };
}

/**
 * Generates the workload on the node at `rpcUrl` (development accounts unlocked); returns the events expected per
 * name.
 */
export async function generateWorkload(
  rpcUrl: string,
  deployment: Deployment,
  size: ReturnType<typeof workloadSize>,
  logger: Logger,
  txsPerBlock = TXS_PER_BLOCK,
) {
  const rpc = new RpcClient(rpcUrl, { timeoutMs: 300_000, retries: 3 });
  const decoder = eventDecoder(deployment);
  let id = 0;
  // A connection per request: transactions must not be sent twice, and a pooled connection the node
  // closed while the event loop was blocked (the deploy runs synchronously) fails as "other side closed".
  function request<T>(body: unknown): Promise<T> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const sent = httpRequest(
        rpcUrl,
        {
          method: "POST",
          agent: false,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => {
            try {
              resolve(JSON.parse(text) as T);
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      sent.on("error", reject);
      sent.end(payload);
    });
  }
  async function call(method: string, params: unknown[] = []): Promise<unknown> {
    const answer = await request<{ result?: unknown; error?: { message: string } }>({
      jsonrpc: "2.0",
      id: ++id,
      method,
      params,
    });
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result;
  }

  /** Sends `txs` in batches, mining each batch into one block; returns the events the blocks emitted. */
  async function phase(name: string, txs: Tx[]): Promise<ChainEvent[]> {
    const from = Number(await call("eth_blockNumber")) + 1;
    for (let start = 0; start < txs.length; start += txsPerBlock) {
      const batch = txs.slice(start, start + txsPerBlock).map((tx) => {
        const { address, abi } = deployment.contracts[tx.contract];
        const params = {
          from: tx.from,
          to: address,
          gas: toHex(tx.gas ?? 1_000_000),
          value: toHex(tx.value ?? 0n),
          data: encodeFunctionData({ abi, functionName: tx.functionName, args: tx.args }),
        };
        return { jsonrpc: "2.0", id: ++id, method: "eth_sendTransaction", params: [params] };
      });
      const answers = await request<{ error?: { message: string } }[]>(batch);
      const failed = answers.find((answer) => answer.error);
      if (failed) throw new Error(`${name}: ${failed.error!.message}`);
      await call("evm_mine");
    }
    const to = Number(await call("eth_blockNumber"));
    const events = decoder.decode(await rpc.logs(decoder.addresses, from, to));
    logger.info({ phase: name, transactions: txs.length, events: events.length }, "generated");
    return events;
  }
  const args = (events: ChainEvent[], name: string) =>
    events.filter((event) => event.name === name).map((event) => event.args);

  const accounts = (await call("eth_accounts")) as Address[];
  const [admin] = accounts;
  const merchants = accounts.slice(1, 1 + MERCHANTS);
  const buyers = accounts.slice(1 + MERCHANTS, 1 + MERCHANTS + BUYERS);
  const [arbiter, auditor, carrier] = accounts.slice(1 + MERCHANTS + BUYERS);
  const keys = new Map(
    accounts
      .slice(0, 20)
      .map((_, index) => [accounts[index].toLowerCase(), mnemonicToAccount(MNEMONIC, { addressIndex: index })]),
  );
  const chainId = Number(await call("eth_chainId"));
  await call("evm_setAutomine", [false]);
  await call("evm_setBlockGasLimit", [toHex(20_000_000_000)]);
  let cids = 0;
  const cid = async () =>
    CID.create(1, 0x55, await sha256.digest(new TextEncoder().encode(`bench-${cids++}`))).toString();

  // ─── Roles, merchants ───────────────────────────────────────────────────────────────────
  await phase("roles", [
    { from: admin, contract: "AccessManager", functionName: "grantRole", args: [ROLES.REGISTRAR, admin, 0] },
    { from: admin, contract: "AccessManager", functionName: "grantRole", args: [ROLES.ARBITER, arbiter, 0] },
    { from: admin, contract: "AccessManager", functionName: "grantRole", args: [ROLES.AUDITOR, auditor, 0] },
  ]);
  await phase(
    "merchants apply",
    await Promise.all(
      merchants.map(async (merchant) => ({
        from: merchant,
        contract: "MerchantRegistry" as const,
        functionName: "register",
        args: [await cid(), merchant],
      })),
    ),
  );
  await phase(
    "merchants approved",
    merchants.map((merchant) => ({
      from: admin,
      contract: "MerchantRegistry",
      functionName: "approve",
      args: [merchant],
    })),
  );

  // ─── Listings: signed v1 of every SKU, then v2 of every fifth, restock of others ────────
  const listingRegistry = deployment.contracts.ListingRegistry.address;
  async function signed(merchant: Address, sku: number, version: number): Promise<Tx> {
    const listing: Listing = {
      merchant,
      sku: BigInt(sku),
      version: BigInt(version),
      metadataCid: await cid(),
      price: 1_000_000_000_000n + BigInt(sku * 1_000 + version),
      token: NATIVE_TOKEN,
      quantity: 1_000_000n,
      maxPerBuyer: 0n,
      validFrom: 0,
      validUntil: 2 ** 40 - 1,
      counter: 0n,
    };
    const signature = await keys.get(merchant.toLowerCase())!.signTypedData({
      domain: listingDomain(chainId, listingRegistry),
      types: listingTypes,
      primaryType: "Listing",
      message: listing,
    });
    return { from: merchant, contract: "ListingRegistry", functionName: "publish", args: [listing, signature] };
  }
  const v1: Tx[] = [];
  for (const merchant of merchants)
    for (let sku = 1; sku <= size.listingsPerMerchant; sku++) v1.push(await signed(merchant, sku, 1));
  const published = args(await phase("listings published", v1), "ListingPublished");
  const v2: Tx[] = [];
  const restocks: Tx[] = [];
  for (const { listingId, listing } of published as { listingId: Hex; listing: { merchant: Address; sku: bigint } }[]) {
    const sku = Number(listing.sku);
    if (sku % 5 === 0) v2.push(await signed(listing.merchant, sku, 2));
    else if (sku % 5 === 1)
      restocks.push({
        from: listing.merchant,
        contract: "ListingRegistry",
        functionName: "setStock",
        args: [listingId, 2_000_000n],
      });
  }

  // ─── Provenance items, registered alongside the second versions ─────────────────────────
  const items = new Map<Address, Hex[]>(merchants.map((merchant) => [merchant, []]));
  const registrations: Tx[] = [];
  for (const [m, merchant] of merchants.entries()) {
    for (let start = 0; start < size.itemsPerMerchant; start += 100) {
      const batch = Array.from({ length: Math.min(100, size.itemsPerMerchant - start) }, (_, i) => {
        const epc = `urn:epc:id:sgtin:0614141.${m}.${start + i}`;
        const listing = published[(start + i) % published.length] as { listingId: Hex };
        items.get(merchant)!.push(keccak256(toHex(epc)));
        return { itemId: keccak256(toHex(epc)), listingId: listing.listingId ?? zeroHash, quantity: 1n, epc };
      });
      registrations.push({
        from: merchant,
        contract: "Provenance",
        functionName: "registerItems",
        args: [batch],
        gas: 15_000_000,
      });
    }
  }
  const second = await phase("listings v2, restocks, items registered", [...v2, ...restocks, ...registrations]);
  const active = new Map<string, { listingId: Hex; price: bigint }[]>(
    merchants.map((merchant) => [merchant.toLowerCase(), []]),
  );
  const superseded = new Set(args(second, "ListingPublished").map((a) => (a.supersedes as Hex).toLowerCase()));
  for (const { listingId, listing } of [...published, ...args(second, "ListingPublished")] as {
    listingId: Hex;
    listing: { merchant: Address; price: bigint };
  }[]) {
    if (!superseded.has(listingId.toLowerCase()))
      active.get(listing.merchant.toLowerCase())!.push({ listingId, price: listing.price });
  }

  // ─── Orders placed; provenance events, hand-offs, packing, attestations meanwhile ───────
  const placements: Tx[] = [];
  for (let i = 0; i < size.orders; i++) {
    const offers = active.get(merchants[i % MERCHANTS].toLowerCase())!;
    const lines = Array.from({ length: 1 + (i % 3 === 0 ? 1 : 0) }, (_, l) => ({
      ...offers[(i * 7 + l * 13) % offers.length],
      quantity: BigInt(1 + ((i + l) % 2)),
    }));
    const unique = [...new Map(lines.map((line) => [line.listingId, line])).values()];
    const total = unique.reduce((sum, line) => sum + line.price * line.quantity, 0n);
    const request = {
      lines: unique.map(({ listingId, quantity }) => ({ listingId, quantity })),
      token: NATIVE_TOKEN,
      maxTotal: total,
      shippingCid: await cid(),
      shipping: 0n,
    };
    placements.push({
      from: buyers[i % BUYERS],
      contract: "OrderEscrow",
      functionName: "placeOrder",
      args: [request],
      value: total,
    });
  }
  const provenance: Tx[] = [];
  const handoffs: Hex[] = [];
  for (const merchant of merchants) {
    const held = items.get(merchant)!;
    const tenth = Math.floor(held.length / 10);
    for (let start = 0; start + 5 <= 4 * tenth; start += 5) {
      const data = {
        eventTime: 1,
        bizStep: "commissioning",
        disposition: "active",
        location: "urn:epc:id:sgln:0614141.00001.0",
        evidenceCid: await cid(),
      };
      provenance.push({
        from: merchant,
        contract: "Provenance",
        functionName: "recordEvent",
        args: [held.slice(start, start + 5), data],
      });
    }
    for (const itemId of held.slice(4 * tenth, 5.5 * tenth)) {
      provenance.push({
        from: merchant,
        contract: "Provenance",
        functionName: "initiateHandoff",
        args: [itemId, carrier],
      });
      handoffs.push(itemId);
    }
    for (let start = 6 * tenth; start + 11 <= 9 * tenth; start += 11) {
      provenance.push({
        from: merchant,
        contract: "Provenance",
        functionName: "aggregate",
        args: [held[start], held.slice(start + 1, start + 11), 0n],
      });
    }
    for (const itemId of held.slice(9 * tenth, 9.25 * tenth))
      provenance.push({ from: auditor, contract: "Provenance", functionName: "attest", args: [itemId, await cid()] });
  }
  const placed = new Map<bigint, Terms>();
  for (const a of args(
    await phase("orders placed, provenance recorded", [...placements, ...provenance]),
    "OrderPlaced",
  ))
    placed.set(a.orderId as bigint, a.terms as Terms);

  // ─── Order lifecycles by id: 60% completed, 10% rejected, 5% cancelled, 10% partially refunded
  // then completed, 5% disputed and ruled, 10% left open (placed or accepted) ────────────
  const fate = (orderId: bigint) => {
    const slot = Number(orderId % 20n);
    return slot < 12
      ? "complete"
      : slot < 14
        ? "reject"
        : slot === 14
          ? "cancel"
          : slot < 17
            ? "refund"
            : slot === 17
              ? "dispute"
              : slot === 18
                ? "accepted"
                : "placed";
  };
  const byFate = (...fates: string[]) => [...placed].filter(([orderId]) => fates.includes(fate(orderId)));
  const seller = (terms: Terms) => terms.merchant;
  await phase("orders accepted, rejected, cancelled; custody accepted", [
    ...byFate("complete", "refund", "dispute", "accepted").map(([orderId, terms]) => ({
      from: seller(terms),
      contract: "OrderEscrow" as const,
      functionName: "acceptOrder",
      args: [orderId, terms],
    })),
    ...byFate("reject").map(([orderId, terms]) => ({
      from: seller(terms),
      contract: "OrderEscrow" as const,
      functionName: "rejectOrder",
      args: [orderId, terms, "bafkreirejected"],
    })),
    ...byFate("cancel").map(([orderId, terms]) => ({
      from: terms.buyer,
      contract: "OrderEscrow" as const,
      functionName: "cancelOrder",
      args: [orderId, terms],
    })),
    ...handoffs.map((itemId) => ({
      from: carrier,
      contract: "Provenance" as const,
      functionName: "acceptHandoff",
      args: [itemId],
    })),
  ]);
  await phase("orders refunded in part, shipped", [
    ...byFate("refund").map(([orderId, terms]) => ({
      from: seller(terms),
      contract: "OrderEscrow" as const,
      functionName: "refundOrder",
      args: [orderId, terms, terms.total / 10n, "bafkreigoodwill"],
    })),
    ...byFate("complete", "refund", "dispute").map(([orderId, terms]) => ({
      from: seller(terms),
      contract: "OrderEscrow" as const,
      functionName: "shipOrder",
      args: [orderId, terms, "bafkreitracking"],
    })),
  ]);
  await phase("orders confirmed, disputed", [
    ...byFate("complete", "refund").map(([orderId, terms]) => ({
      from: terms.buyer,
      contract: "OrderEscrow" as const,
      functionName: "confirmDelivery",
      args: [orderId, terms],
    })),
    ...byFate("dispute").map(([orderId, terms]) => ({
      from: terms.buyer,
      contract: "OrderEscrow" as const,
      functionName: "disputeOrder",
      args: [orderId, "bafkreievidence"],
    })),
  ]);
  await phase("reviews posted, disputes ruled", [
    ...(
      await Promise.all(
        byFate("complete")
          .filter(([orderId]) => orderId % 2n === 0n)
          .map(async ([orderId, terms]) => ({
            from: terms.buyer,
            contract: "OrderEscrow" as const,
            functionName: "postReview",
            args: [orderId, 1 + Number(orderId % 5n), await cid()],
            review: true,
          })),
      )
    ).map(({ review: _, ...tx }) => ({ ...tx, contract: "Reviews" as const })),
    ...byFate("dispute").map(([orderId, terms]) => ({
      from: arbiter,
      contract: "OrderEscrow" as const,
      functionName: "ruleDispute",
      args: [orderId, terms, terms.total / 2n, "bafkreiruling"],
    })),
  ]);
  await phase(
    "payouts withdrawn",
    [...merchants, ...buyers].map((account) => ({
      from: account,
      contract: "OrderEscrow" as const,
      functionName: "withdraw",
      args: [NATIVE_TOKEN],
    })),
  );

  await call("evm_setAutomine", [true]);
  return { head: Number(await call("eth_blockNumber")) };
}
