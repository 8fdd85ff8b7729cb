import { useState } from "react";
import { EscrowBalances } from "../../components/EscrowBalances.tsx";
import { Notice } from "../../components/Notice.tsx";
import { useStorefrontConfig } from "../../lib/config/ConfigContext.tsx";
import { describeError } from "../../lib/errors/describe-error.ts";
import { tokenOf } from "../../lib/format.ts";
import { GraphqlError } from "../../lib/graphql/client.ts";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";
import { LowStock } from "./LowStock.tsx";
import { MerchantFundsTable } from "./MerchantFundsTable.tsx";
import {
  MERCHANT_LISTINGS_QUERY,
  MERCHANT_ORDERS_QUERY,
  MERCHANT_QUERY,
  PAGE_SIZE,
  type MerchantAccount,
  type MerchantListing,
  type MerchantOrder,
} from "./merchant-queries.ts";
import { OrdersToShip } from "./OrdersToShip.tsx";
import { SalesChart } from "./SalesChart.tsx";
import { lastSalesDay, salesByDay } from "./sales.ts";
import { useLedgerNow } from "../../lib/wallet/useLedgerNow.ts";

const PERIODS = [7, 30, 90] as const;

const STATUS_NOTES: Record<Exclude<MerchantAccount["status"], "Approved">, string> = {
  Applied: "Your application is waiting for the registrar: you can sell once it is approved.",
  Rejected: "The registrar rejected your application: you cannot sell on this ledger.",
  Suspended: "Your merchant account is suspended: buyers cannot order from you until the registrar reinstates it.",
};

/** For the signed-in account: says plainly when it is no merchant; otherwise sales, orders to ship and low stock. */
export function MerchantDashboard() {
  const { session } = useSession();
  const address = session!.address;
  const [payouts, setPayouts] = useState(0);
  const merchant = useQuery<{ merchant: MerchantAccount }>(MERCHANT_QUERY, { address });
  if (merchant.error instanceof GraphqlError && merchant.error.code === "NOT_FOUND") {
    return (
      <Notice tone="warning" title="This account is not a merchant">
        <p>
          <code className="tx-hash">{address}</code> has not applied as a merchant on this ledger, so there are no sales
          to show. Merchants apply with the merchant command line (<code>npm run merchant -- apply</code>) and sell once
          the registrar approves them; if you sell from another account, switch to it in your wallet.
        </p>
      </Notice>
    );
  }
  if (merchant.error)
    return (
      <Notice tone="error" title="Your merchant account could not be loaded">
        {describeError(merchant.error)}
      </Notice>
    );
  if (!merchant.data)
    return (
      <p className="loading" role="status">
        Loading your merchant account…
      </p>
    );
  const account = merchant.data.merchant;
  return (
    <>
      <p className="muted">
        {account.profile?.name ?? "Merchant"} · <code title={account.address}>{account.address}</code>
      </p>
      {account.status !== "Approved" && (
        <Notice tone="warning" title={`Merchant status: ${account.status}`}>
          {STATUS_NOTES[account.status]}
        </Notice>
      )}
      <EscrowBalances address={address} onPaidOut={() => setPayouts((count) => count + 1)} />
      <MerchantFundsTable key={payouts} address={address} />
      <MerchantFigures account={account} token={session!.token} />
    </>
  );
}

function MerchantFigures({ account, token }: { account: MerchantAccount; token: string }) {
  const { tokens } = useStorefrontConfig();
  const now = useLedgerNow();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const orders = useQuery<{ orders: { totalCount: number; nodes: MerchantOrder[] } }>(
    MERCHANT_ORDERS_QUERY,
    { first: PAGE_SIZE },
    { token },
  );
  const listings = useQuery<{ listings: { totalCount: number; nodes: MerchantListing[] } }>(MERCHANT_LISTINGS_QUERY, {
    merchant: account.address,
    first: PAGE_SIZE,
  });
  const error = orders.error ?? listings.error;
  if (error)
    return (
      <Notice tone="error" title="Your orders or listings could not be loaded">
        {describeError(error)}
      </Notice>
    );
  if (!orders.data || !listings.data)
    return (
      <p className="loading" role="status">
        Loading your orders and listings…
      </p>
    );
  const nodes = orders.data.orders.nodes;
  const sales = salesByDay(nodes, days, lastSalesDay(nodes, now));
  return (
    <div className="dashboard">
      <section aria-labelledby="sales-title" className="dashboard__sales">
        <div className="dashboard__heading">
          <h2 id="sales-title">
            Sales per day <span className="muted">(UTC)</span>
          </h2>
          <div className="field field--inline">
            <label htmlFor="sales-period">Period</label>
            <select
              id="sales-period"
              value={days}
              onChange={(event) => setDays(Number(event.target.value) as (typeof PERIODS)[number])}
            >
              {PERIODS.map((period) => (
                <option key={period} value={period}>
                  Last {period} days
                </option>
              ))}
            </select>
          </div>
        </div>
        {orders.data.orders.totalCount > nodes.length && (
          <p className="muted">
            From your latest {nodes.length} of {orders.data.orders.totalCount} orders.
          </p>
        )}
        {sales.length === 0 ? (
          <p>No sales yet.</p>
        ) : (
          sales.map((figures) => (
            <SalesChart key={figures.token} sales={figures} token={tokenOf(tokens, figures.token)} />
          ))
        )}
      </section>
      <section aria-labelledby="to-ship-title">
        <h2 id="to-ship-title">Orders to ship</h2>
        <OrdersToShip orders={nodes} now={now} />
      </section>
      <section aria-labelledby="low-stock-title">
        <h2 id="low-stock-title">Low stock</h2>
        <LowStock listings={listings.data.listings.nodes} />
      </section>
    </div>
  );
}
