import { useEffect, useRef } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { CartLink } from "../components/CartLink.tsx";
import { WalletStatus } from "../components/WalletStatus.tsx";
import { NAVIGATION } from "./navigation.ts";

/** Skip link, header (brand, navigation, cart, wallet), the page, footer. */
export function Layout() {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  // After client-side navigation, move focus to the new page so keyboard and screen-reader users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname triggers the focus move
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else main.current?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            Commerce ledger
          </Link>
          <nav aria-label="Main" className="site-nav">
            <ul>
              {NAVIGATION.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={"end" in item && item.end}>
                    {item.label}
                  </NavLink>
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
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Payments are held in escrow on the ledger until you confirm delivery. Shipping addresses are encrypted in your
          browser for the merchant alone.
        </p>
      </footer>
    </>
  );
}
