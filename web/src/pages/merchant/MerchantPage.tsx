import { RequireSession } from "../../components/RequireSession.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { MerchantDashboard } from "./MerchantDashboard.tsx";
import "../../styles/merchant.css";

export function MerchantPage() {
  usePageTitle("Merchant dashboard");
  return (
    <section className="page merchant">
      <h1>Merchant dashboard</h1>
      <RequireSession action="see your sales, orders to ship and low stock">
        <MerchantDashboard />
      </RequireSession>
    </section>
  );
}
