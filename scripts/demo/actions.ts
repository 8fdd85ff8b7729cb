import { parseEventLogs, type Address, type Hex } from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import {
  listingDomain,
  listingTypes,
  NATIVE_TOKEN,
  voucherTypes,
  escrowDomain,
  type Listing,
  type Voucher,
} from "../../sdk/eip712.ts";
import type { Deployment } from "../../sdk/deployments.ts";
import type { IpfsClient } from "../../sdk/ipfs/client.ts";
import { ROLES } from "../../sdk/roles.ts";

type Connection = NetworkConnection;
/** A call on a contract the AccessManager governs: its address and ABI-encoded calldata. */
export interface AdminCall {
  target: Address;
  data: Hex;
}
type Viem = Connection["viem"];
export type Wallet = Awaited<ReturnType<Viem["getWalletClients"]>>[number];

/** Typed handles on the deployed contracts plus the few writes the demo repeats. */
export async function demoActions(connection: Connection, deployment: Deployment, ipfs: IpfsClient) {
  const { viem } = connection;
  const at = deployment.contracts;
  const manager = await viem.getContractAt("AccessManager", at.AccessManager.address);
  const merchants = await viem.getContractAt("MerchantRegistry", at.MerchantRegistry.address);
  const listings = await viem.getContractAt("ListingRegistry", at.ListingRegistry.address);
  const escrow = await viem.getContractAt("OrderEscrow", at.OrderEscrow.address);
  const reviews = await viem.getContractAt("Reviews", at.Reviews.address);
  const provenance = await viem.getContractAt("Provenance", at.Provenance.address);
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();

  async function wait(hash: Promise<Hex>) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  }

  async function putJson(document: unknown): Promise<string> {
    return (await ipfs.add(new TextEncoder().encode(JSON.stringify(document)))).toString();
  }

  async function publish(signer: Wallet, listing: Listing): Promise<Hex> {
    const signature = await signer.signTypedData({
      account: signer.account,
      domain: listingDomain(chainId, listings.address),
      types: listingTypes,
      primaryType: "Listing",
      message: listing,
    });
    await wait(listings.write.publish([listing, signature], { account: signer.account }));
    return listings.read.hashListing([listing]);
  }

  async function signVoucher(signer: Wallet, voucher: Voucher): Promise<Hex> {
    return signer.signTypedData({
      account: signer.account,
      domain: escrowDomain(chainId, escrow.address),
      types: voucherTypes,
      primaryType: "Voucher",
      message: voucher,
    });
  }

  /** Orders `quantity` units of one listing and their shipping, paying in its token; returns id and terms. */
  async function order(
    buyer: Wallet,
    listing: { id: Hex; price: bigint; token: Address },
    quantity: bigint,
    shipping: { cid: string; cost: bigint },
    voucher?: { voucher: Voucher; signature: Hex; discount: bigint },
  ) {
    const total = listing.price * quantity - (voucher?.discount ?? 0n) + shipping.cost;
    const request = {
      lines: [{ listingId: listing.id, quantity }],
      token: listing.token,
      maxTotal: total,
      shippingCid: shipping.cid,
      shipping: shipping.cost,
    };
    const native = listing.token === NATIVE_TOKEN;
    if (!native) await wait(tokenApprove(listing.token, buyer, total));
    const options = { account: buyer.account, ...(native ? { value: total } : {}) };
    const hash = voucher
      ? escrow.write.placeOrderWithVoucher(
          [request, { voucher: voucher.voucher, signature: voucher.signature }],
          options,
        )
      : escrow.write.placeOrder([request], options);
    const receipt = await wait(hash);
    const [placed] = parseEventLogs({ abi: escrow.abi, logs: receipt.logs, eventName: "OrderPlaced" });
    return { orderId: placed.args.orderId, terms: placed.args.terms };
  }

  /**
   * Acts as the ADMIN through the AccessManager's queue, as a consortium admin does over days: schedules every
   * call, lets the chain's clock pass the admin's execution delay, then executes them (at once without a delay).
   */
  async function asAdmin(admin: Wallet, calls: readonly AdminCall[]) {
    const [, delay] = await manager.read.getAccess([ROLES.ADMIN, admin.account.address]);
    const as = { account: admin.account };
    if (delay > 0) {
      for (const call of calls) await wait(manager.write.schedule([call.target, call.data, 0], as));
      await connection.networkHelpers.time.increase(delay);
    }
    for (const call of calls) await wait(manager.write.execute([call.target, call.data], as));
  }

  async function tokenApprove(token: Address, owner: Wallet, amount: bigint) {
    const erc20 = await viem.getContractAt("TestToken", token);
    return erc20.write.approve([escrow.address, amount], { account: owner.account });
  }

  return {
    manager,
    merchants,
    listings,
    escrow,
    reviews,
    provenance,
    publicClient,
    chainId,
    wait,
    asAdmin,
    putJson,
    publish,
    signVoucher,
    order,
  };
}
