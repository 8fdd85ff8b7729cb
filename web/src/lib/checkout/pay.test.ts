import type { PublicClient, WalletClient } from "viem";
import { describe, expect, it, vi } from "vitest";
import { payForOrder, type PaymentStep } from "./pay.ts";
import type { PreparedOrder } from "./prepare-order.ts";

const BUYER = "0x00000000000000000000000000000000000000b1";
const ESCROW = "0x00000000000000000000000000000000000000e1";
const TOKEN = "0x00000000000000000000000000000000000000c5";
const SIGNATURE = `0x${"11".repeat(32)}${"22".repeat(32)}1b` as const;

const prepared = (token: `0x${string}`, value: string): PreparedOrder => ({
  merchant: "0x00000000000000000000000000000000000000aa",
  token,
  subtotal: "500",
  discount: "0",
  shipping: "0",
  total: "500",
  voucher: null,
  value,
  escrow: ESCROW,
  request: {
    lines: [{ listingId: `0x${"ab".repeat(32)}`, quantity: "2" }],
    token,
    maxTotal: "500",
    shippingCid: "bafkreitest",
    shipping: "0",
  },
});

/**
 * Wallet and chain stubs: reads answer from `reads` (a thrown error where a token lacks the function), every
 * call is recorded.
 */
function stubs(reads: Record<string, unknown>) {
  const calls: string[] = [];
  const client = {
    readContract: vi.fn(async ({ functionName }: { functionName: string }) => {
      calls.push(`read ${functionName}`);
      const answer = reads[functionName];
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    simulateContract: vi.fn(async (call: { functionName: string; args: unknown[]; value?: bigint }) => {
      calls.push(`simulate ${call.functionName}`);
      return { request: call };
    }),
    getBlock: vi.fn(async () => ({ timestamp: 1_000n })),
    waitForTransactionReceipt: vi.fn(async () => ({ status: "success", logs: [] })),
  };
  const wallet = {
    chain: undefined,
    signTypedData: vi.fn(async () => (calls.push("sign permit"), SIGNATURE)),
    writeContract: vi.fn(
      async ({ functionName }: { functionName: string }) => (
        calls.push(`send ${functionName}`), `0x${"cd".repeat(32)}`
      ),
    ),
  };
  const steps: PaymentStep[] = [];
  const pay = (order: PreparedOrder) =>
    payForOrder({
      wallet: wallet as unknown as WalletClient,
      client: client as unknown as PublicClient,
      account: BUYER,
      prepared: order,
      onStep: (step) => steps.push(step),
    });
  return { calls, steps, client, pay };
}

describe("payForOrder", () => {
  it("sends native currency as the order's value", async () => {
    const { calls, steps, client, pay } = stubs({});
    await pay(prepared("0x0000000000000000000000000000000000000000", "500"));
    expect(calls).toEqual(["simulate placeOrder", "send placeOrder"]);
    expect(client.simulateContract.mock.calls[0][0]).toMatchObject({
      value: 500n,
      args: [{ maxTotal: 500n, lines: [{ quantity: 2n }] }],
    });
    expect(steps).toEqual(["send"]);
  });

  it("pays an ERC-20 with a permit signed for the escrow, in one transaction, deadline in chain time", async () => {
    const { calls, steps, client, pay } = stubs({
      allowance: 0n,
      eip712Domain: ["0x0f", "Consortium Dollar", "1", 31337n, TOKEN, `0x${"00".repeat(32)}`, []],
      nonces: 4n,
    });
    await pay(prepared(TOKEN, "0"));
    expect(calls).toEqual([
      "read allowance",
      "read eip712Domain",
      "read nonces",
      "sign permit",
      "simulate placeOrderWithPermit",
      "send placeOrderWithPermit",
    ]);
    const [, , permit] = client.simulateContract.mock.calls[0][0].args as [
      unknown,
      unknown,
      { value: bigint; deadline: bigint; v: number },
    ];
    expect(permit).toMatchObject({ value: 500n, deadline: 4_600n, v: 27 });
    expect(steps).toEqual(["permit", "send"]);
  });

  it("approves first when the token has no permit, and waits for the approval", async () => {
    const { calls, steps, pay } = stubs({ allowance: 0n, eip712Domain: new Error("no such function") });
    await pay(prepared(TOKEN, "0"));
    expect(calls).toEqual([
      "read allowance",
      "read eip712Domain",
      "simulate approve",
      "send approve",
      "simulate placeOrder",
      "send placeOrder",
    ]);
    expect(steps).toEqual(["approve", "approve", "send"]);
  });

  it("places at once when the allowance already covers the total", async () => {
    const { calls, pay } = stubs({ allowance: 500n });
    await pay(prepared(TOKEN, "0"));
    expect(calls).toEqual(["read allowance", "simulate placeOrder", "send placeOrder"]);
  });
});
