import {
  parseEventLogs,
  parseSignature,
  zeroAddress,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { NO_VOUCHER, permitTypes } from "../../../../sdk/eip712.ts";
import { orderEscrowAbi, paymentTokenAbi } from "../contracts/abis.ts";
import { orderRequestArgument, voucherArgument, type PreparedOrder } from "./prepare-order.ts";

export type PaymentStep = "approve" | "permit" | "send";

interface Payment {
  wallet: WalletClient;
  client: PublicClient;
  account: Address;
  prepared: PreparedOrder;
  /** Called as each step starts (its check, then its wallet prompt), so the page can say what is happening. */
  onStep(step: PaymentStep, txHash?: Hex): void;
}

const PERMIT_TTL_SECONDS = 3600n;

/**
 * Sends the order: native currency with `value`; an ERC-20 with an EIP-2612 permit signature in the same
 * transaction when the token supports it, otherwise an approval first (skipped when the allowance suffices).
 * A voucher goes with the placement (placeOrderWithVoucher, or placeOrderWithPermit with the permit).
 * Every call is simulated first, so a refusal is decoded before the wallet asks for a signature.
 * Returns the placement's transaction hash.
 */
export async function payForOrder({ wallet, client, account, prepared, onStep }: Payment): Promise<Hex> {
  const request = orderRequestArgument(prepared.request);
  const voucher = prepared.voucher ? voucherArgument(prepared.voucher) : NO_VOUCHER;
  const total = BigInt(prepared.total);
  const base = { address: prepared.escrow, abi: orderEscrowAbi, account, chain: wallet.chain } as const;
  const place = async (value?: bigint) => {
    onStep("send");
    if (prepared.voucher) {
      const withVoucher = { ...base, functionName: "placeOrderWithVoucher", args: [request, voucher], value } as const;
      return wallet.writeContract((await client.simulateContract(withVoucher)).request);
    }
    const plain = { ...base, functionName: "placeOrder", args: [request], value } as const;
    return wallet.writeContract((await client.simulateContract(plain)).request);
  };
  if (prepared.token === zeroAddress) return place(BigInt(prepared.value));
  const token = prepared.token;
  const allowance = await client.readContract({
    address: token,
    abi: paymentTokenAbi,
    functionName: "allowance",
    args: [account, prepared.escrow],
  });
  if (allowance < total) {
    const permit = await signPermit({ wallet, client, account, token, spender: prepared.escrow, value: total, onStep });
    if (permit) {
      onStep("send");
      const { request: call } = await client.simulateContract({
        ...base,
        functionName: "placeOrderWithPermit",
        args: [request, voucher, permit],
      });
      return wallet.writeContract(call);
    }
    onStep("approve");
    const { request: approve } = await client.simulateContract({
      address: token,
      abi: paymentTokenAbi,
      functionName: "approve",
      args: [prepared.escrow, total],
      account,
      chain: wallet.chain,
    });
    const approval = await wallet.writeContract(approve);
    onStep("approve", approval);
    await confirmed(client, approval);
  }
  return place();
}

/** An EIP-2612 permit for the escrow, or null when the token has no permit (no nonces or EIP-5267 domain). */
async function signPermit(options: {
  wallet: WalletClient;
  client: PublicClient;
  account: Address;
  token: Address;
  spender: Address;
  value: bigint;
  onStep: Payment["onStep"];
}) {
  const { wallet, client, account, token, spender, value } = options;
  const permitState = await readPermitState(client, token, account);
  if (!permitState) return null;
  const { domain, nonce } = permitState;
  // Chain time, not the browser's clock: a chain's clock may run ahead (test chains skip time).
  const deadline = (await client.getBlock()).timestamp + PERMIT_TTL_SECONDS;
  options.onStep("permit");
  const signature = await wallet.signTypedData({
    account,
    domain,
    types: permitTypes,
    primaryType: "Permit",
    message: { owner: account, spender, value, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { value, deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}

/** The token's EIP-712 domain and the account's permit nonce; null when the token does not support permits. */
async function readPermitState(client: PublicClient, token: Address, account: Address) {
  try {
    const [, name, version, chainId, verifyingContract] = await client.readContract({
      address: token,
      abi: paymentTokenAbi,
      functionName: "eip712Domain",
    });
    const nonce = await client.readContract({
      address: token,
      abi: paymentTokenAbi,
      functionName: "nonces",
      args: [account],
    });
    return { domain: { name, version, chainId, verifyingContract }, nonce };
  } catch {
    return null;
  }
}

/** Waits for the transaction to be mined; a revert there (state changed since the simulation) is an error. */
export async function confirmed(client: PublicClient, hash: Hex) {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} was reverted by the ledger`);
  return receipt;
}

/** The id of the order a placement transaction created. */
export function placedOrderId(logs: Parameters<typeof parseEventLogs>[0]["logs"]): bigint | undefined {
  const [placed] = parseEventLogs({ abi: orderEscrowAbi, logs, eventName: "OrderPlaced" }) as unknown as {
    args: { orderId: bigint };
  }[];
  return placed?.args.orderId;
}
