import { useState } from "react";
import type { Hex } from "viem";
import type { ProgressStep } from "../../components/Progress.tsx";
import type { CartGroup } from "../../lib/cart/cart.ts";
import { confirmed, payForOrder, placedOrderId, type PaymentStep } from "../../lib/checkout/pay.ts";
import { prepareOrder } from "../../lib/checkout/prepare-order.ts";
import { sealShippingDetails, type ShippingDetails } from "../../lib/checkout/seal-shipping.ts";
import { describeError } from "../../lib/errors/describe-error.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";
import { useWallet } from "../../lib/wallet/WalletContext.tsx";

type StepId = "seal" | "prepare" | "approve" | "permit" | "send" | "confirm";

const LABELS: Record<StepId, string> = {
  seal: "Encrypt the address for the merchant and store it on IPFS",
  prepare: "Check stock and prices",
  approve: "Approve the escrow to take the payment token (wallet)",
  permit: "Sign the payment permit (wallet)",
  send: "Send the order and payment to escrow (wallet)",
  confirm: "Wait for the ledger to confirm",
};

export interface CheckoutState {
  steps: ProgressStep[];
  running: boolean;
  error?: string;
  txHash?: Hex;
  orderId?: bigint;
  /** What the escrow charges, once prepareOrder accepted the order: voucher discount, shipping and total. */
  charges?: { discount: string; shipping: string; total: string; shipTo: string };
}

/** Runs checkout step by step: seal and upload the address, prepareOrder, pay, wait for the receipt. */
export function useCheckout(group: CartGroup | undefined, merchantKey: string | undefined, onPlaced: () => void) {
  const wallet = useWallet();
  const { session } = useSession();
  const [state, setState] = useState<CheckoutState>({ steps: [], running: false });

  /** `shipping` is the charge to `details.country` the buyer saw, which bounds what the order may cost. */
  const run = async (details: ShippingDetails, shipping: bigint, voucherCode?: string) => {
    if (!group || !merchantKey || !wallet.walletClient || !wallet.publicClient || !wallet.account) return;
    const order: StepId[] = ["seal", "prepare", "send", "confirm"];
    const status = new Map<StepId, ProgressStep["state"]>();
    const detail = new Map<StepId, string>();
    let current: StepId = "seal";
    const render = (extra: Partial<CheckoutState> = {}) =>
      setState((previous) => ({
        ...previous,
        ...extra,
        steps: order.map((id) => ({ label: LABELS[id], state: status.get(id) ?? "waiting", detail: detail.get(id) })),
      }));
    const begin = (id: StepId) => {
      if (!order.includes(id)) order.splice(order.indexOf("send"), 0, id);
      if (current !== id && status.get(current) === "active") status.set(current, "done");
      current = id;
      status.set(id, "active");
      render();
    };
    setState({ steps: [], running: true });
    try {
      begin("seal");
      const shippingCid = await sealShippingDetails(merchantKey, details, session?.token);
      begin("prepare");
      const prepared = await prepareOrder({
        buyer: wallet.account,
        lines: group.lines.map(({ listingId, quantity }) => ({ listingId, quantity })),
        shippingCid,
        shipTo: details.country,
        maxTotal: group.total + shipping,
        voucherCode: voucherCode || undefined,
      });
      const { discount, total } = prepared;
      render({ charges: { discount, shipping: prepared.shipping, total, shipTo: details.country } });
      const txHash = await payForOrder({
        wallet: wallet.walletClient,
        client: wallet.publicClient,
        account: wallet.account,
        prepared,
        onStep: (step: PaymentStep, hash?: Hex) =>
          hash ? (detail.set(step, `transaction ${hash}`), render()) : begin(step),
      });
      detail.set("send", `transaction ${txHash}`);
      begin("confirm");
      render({ txHash });
      const receipt = await confirmed(wallet.publicClient, txHash);
      status.set("confirm", "done");
      detail.set("confirm", `in block ${receipt.blockNumber}`);
      render({ running: false, orderId: placedOrderId(receipt.logs) });
      onPlaced();
    } catch (error) {
      status.set(current, "failed");
      render({ running: false, error: describeError(error) });
    }
  };
  return { ...state, run };
}
