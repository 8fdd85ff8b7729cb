import { Price } from "../../components/Price.tsx";
import { ACCOUNT_FUNDS_QUERY, type AccountFunds } from "../../lib/account/account-queries.ts";
import { useQuery } from "../../lib/graphql/useQuery.ts";

/** Per token: what completed orders settled to the merchant's payout, what was withdrawn, what open orders hold. */
export function MerchantFundsTable({ address }: { address: string }) {
  const funds = useQuery<AccountFunds>(ACCOUNT_FUNDS_QUERY, { address });
  const rows = funds.data?.account.merchantFunds ?? [];
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="funds-title" className="merchant-funds">
      <h2 id="funds-title">Funds</h2>
      <table data-testid="merchant-funds">
        <thead>
          <tr>
            <th scope="col">Settled to you</th>
            <th scope="col">Withdrawn</th>
            <th scope="col">Held in open orders</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.token}>
              <td>
                <Price amount={row.settled} token={row.token} />
              </td>
              <td>
                <Price amount={row.withdrawn} token={row.token} />
              </td>
              <td>
                <Price amount={row.held} token={row.token} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
