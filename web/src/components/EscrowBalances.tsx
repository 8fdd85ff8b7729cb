import type { Address } from "viem";
import { useStorefrontConfig } from "../lib/config/ConfigContext.tsx";
import { ACCOUNT_FUNDS_QUERY, type AccountFunds, type Balance } from "../lib/account/account-queries.ts";
import { graphqlRequest } from "../lib/graphql/client.ts";
import { useQuery } from "../lib/graphql/useQuery.ts";
import { withdraw, type Actor } from "../lib/orders/order-actions.ts";
import { useWallet } from "../lib/wallet/WalletContext.tsx";
import { Notice } from "./Notice.tsx";
import { Price } from "./Price.tsx";
import { useAsyncAction } from "./useAsyncAction.ts";

/** How long a withdrawal may take to reach the index before the page stops waiting for it. */
const INDEXED_WITHIN_MS = 30_000;

/**
 * The account's money credited in the escrow (a cancelled, rejected or refunded order's refund; a merchant's sales),
 * per token, each with a Withdraw button: a wallet transaction that pays it out. Nothing when nothing is owed.
 */
export function EscrowBalances({ address, onPaidOut }: { address: string; onPaidOut?: () => void }) {
  const funds = useQuery<AccountFunds>(ACCOUNT_FUNDS_QUERY, { address });
  const wallet = useWallet();
  const { contracts } = useStorefrontConfig();
  const { busy, error, run } = useAsyncAction();
  const owed = funds.data?.account.balances.filter((balance) => BigInt(balance.amount) > 0n) ?? [];
  if (owed.length === 0) return null;
  const canSign = wallet.walletClient && wallet.publicClient && wallet.account?.toLowerCase() === address.toLowerCase();
  const payOut = async (balance: Balance) => {
    const actor: Actor = {
      wallet: wallet.walletClient!,
      client: wallet.publicClient!,
      account: wallet.account!,
      contracts,
    };
    await withdraw(actor, balance.token as Address);
    await indexed(address, balance.token);
    funds.refetch();
    onPaidOut?.();
  };
  return (
    <section className="escrow-balances" aria-labelledby="escrow-balances-title" data-testid="escrow-balances">
      <h2 id="escrow-balances-title">Money to collect</h2>
      <p className="muted">
        Refunds and payments credited to you in the escrow, until you withdraw them to your wallet.
      </p>
      <ul>
        {owed.map((balance) => (
          <li key={balance.token} data-testid="escrow-balance">
            <Price amount={balance.amount} token={balance.token} />{" "}
            <button
              type="button"
              className="button--primary"
              disabled={!canSign || Boolean(busy)}
              onClick={() => void run(balance.token, () => payOut(balance))}
            >
              {busy === balance.token ? "Withdrawing…" : "Withdraw"}
            </button>
          </li>
        ))}
      </ul>
      {!canSign && <p className="muted">Connect the wallet of {address} to withdraw.</p>}
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}

/** Waits until the index shows the account's balance in `token` paid out. */
async function indexed(address: string, token: string): Promise<void> {
  const deadline = Date.now() + INDEXED_WITHIN_MS;
  while (Date.now() < deadline) {
    const { account } = await graphqlRequest<AccountFunds>(ACCOUNT_FUNDS_QUERY, { address });
    if (account.balances.every((balance) => balance.token !== token || balance.amount === "0")) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
