import { Link } from "react-router";
import { usePageTitle } from "../components/usePageTitle.ts";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Back to the shop</Link>
      </p>
    </section>
  );
}
