import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import { CartProvider } from "../lib/cart/CartContext.tsx";
import { ConfigProvider } from "../lib/config/ConfigContext.tsx";
import type { StorefrontConfig } from "../lib/config/storefront-config.ts";
import { SessionProvider } from "../lib/session/SessionContext.tsx";
import { WalletProvider } from "../lib/wallet/WalletContext.tsx";
import type { Eip1193Provider } from "../lib/wallet/provider.ts";

export const TEST_CONFIG: StorefrontConfig = {
  chainId: 31337,
  rpcUrl: "http://127.0.0.1:8545",
  explorerUrl: null,
  contracts: {
    orderEscrow: "0x00000000000000000000000000000000000000e1",
    reviews: "0x00000000000000000000000000000000000000e2",
    listingRegistry: "0x00000000000000000000000000000000000000e3",
    provenance: "0x00000000000000000000000000000000000000e4",
  },
  tokens: [
    { address: "0x0000000000000000000000000000000000000000", symbol: "ETH", decimals: 18 },
    { address: "0x00000000000000000000000000000000000000c5", symbol: "CUSD", decimals: 18 },
  ],
};

/** A scripted EIP-1193 provider: answers by method, records calls, and can emit events. */
export function fakeProvider(answers: Record<string, unknown | ((params: unknown) => unknown)>) {
  const listeners = new Map<string, ((value: unknown) => void)[]>();
  const calls: { method: string; params?: unknown }[] = [];
  const provider: Eip1193Provider & { calls: typeof calls; emit(event: string, value: unknown): void } = {
    calls,
    async request({ method, params }) {
      calls.push({ method, params });
      const answer = answers[method];
      if (answer === undefined) throw Object.assign(new Error(`unexpected ${method}`), { code: 4200 });
      return typeof answer === "function" ? (answer as (params: unknown) => unknown)(params) : answer;
    },
    on: (event, listener) =>
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (value: unknown) => void]),
    removeListener: () => undefined,
    emit: (event, value) => {
      for (const listener of listeners.get(event) ?? []) listener(value);
    },
  };
  return provider;
}

/** Answers a GraphQL operation (other than storefrontConfig) with its `data`. */
export type GraphqlAnswer = (query: string, variables: Record<string, unknown>) => unknown;

/**
 * Renders inside every provider the app has. The API is a fetch stub: storefrontConfig from TEST_CONFIG,
 * anything else from `answer`; `fetch.mock.calls` shows what was asked.
 */
export function renderInApp(
  ui: ReactNode,
  options: { provider?: Eip1193Provider; route?: string; answer?: GraphqlAnswer } = {},
) {
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { query, variables } = JSON.parse(init.body as string) as {
      query: string;
      variables: Record<string, unknown>;
    };
    const data = query.includes("storefrontConfig")
      ? { storefrontConfig: TEST_CONFIG }
      : options.answer?.(query, variables);
    return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetch);
  vi.stubGlobal("ethereum", options.provider);
  const rendered = render(
    <ConfigProvider>
      <WalletProvider>
        <SessionProvider>
          <CartProvider>
            <MemoryRouter initialEntries={[options.route ?? "/"]}>{ui}</MemoryRouter>
          </CartProvider>
        </SessionProvider>
      </WalletProvider>
    </ConfigProvider>,
  );
  return { ...rendered, fetch };
}
