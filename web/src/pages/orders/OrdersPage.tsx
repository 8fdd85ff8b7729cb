import { usePageTitle } from "../../components/usePageTitle.ts";

export function OrdersPage() {
  usePageTitle("My orders");
  return (
    <section className="page">
      <h1>My orders</h1>
    </section>
  );
}
