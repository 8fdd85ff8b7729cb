import { Link, NavLink, Outlet } from "react-router";
import { CartLink } from "../components/CartLink.tsx";
import { WalletStatus } from "../components/WalletStatus.tsx";
import { NAVIGATION } from "./navigation.ts";

/** Skip link, header (brand, navigation, cart, wallet), the page, footer. */
export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">Commerce ledger</Link>
          <nav aria-label="Main" className="site-nav">
            <ul>
              {NAVIGATION.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={"end" in item && item.end}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="site-header__actions">
            <CartLink />
            <WalletStatus />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Payments are held in escrow on the ledger until you confirm delivery. Shipping addresses are encrypted in your browser for the merchant alone.</p>
      </footer>
    </>
  );
}
