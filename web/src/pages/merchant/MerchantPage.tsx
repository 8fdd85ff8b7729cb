import { usePageTitle } from "../../components/usePageTitle.ts";

export function MerchantPage() {
  usePageTitle("Merchant");
  return (
    <section className="page">
      <h1>Merchant dashboard</h1>
      <p>Sign in with a merchant account to see sales, orders to ship and low stock.</p>
    </section>
  );
}
