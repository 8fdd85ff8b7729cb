// The DOM build of RouterProvider wires ReactDOM.flushSync, which the shop's controlled filters use.
import { RouterProvider } from "react-router/dom";
import { CartProvider } from "../lib/cart/CartContext.tsx";
import { ConfigProvider } from "../lib/config/ConfigContext.tsx";
import { SessionProvider } from "../lib/session/SessionContext.tsx";
import { WalletProvider } from "../lib/wallet/WalletContext.tsx";
import { router } from "./router.tsx";

/** Providers from the outside in: API settings, wallet, SIWE session, cart; then the routes. */
export function App() {
  return (
    <ConfigProvider>
      <WalletProvider>
        <SessionProvider>
          <CartProvider>
            <RouterProvider router={router} />
          </CartProvider>
        </SessionProvider>
      </WalletProvider>
    </ConfigProvider>
  );
}
