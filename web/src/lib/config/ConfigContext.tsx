import { createContext, useContext, type ReactNode } from "react";
import { Notice } from "../../components/Notice.tsx";
import { useQuery } from "../graphql/useQuery.ts";
import { STOREFRONT_CONFIG_QUERY, type StorefrontConfig } from "./storefront-config.ts";

const ConfigContext = createContext<StorefrontConfig | null>(null);

/** Loads the chain, contracts and tokens from the API once; the app renders only when they are known. */
export function ConfigProvider({ children }: { children: ReactNode }) {
  const { data, error, refetch } = useQuery<{ storefrontConfig: StorefrontConfig }>(STOREFRONT_CONFIG_QUERY);
  if (error) {
    return (
      <Notice tone="error" title="The storefront cannot reach the ledger's API">
        <p>{error.message}</p>
        <button type="button" onClick={refetch}>
          Try again
        </button>
      </Notice>
    );
  }
  if (!data)
    return (
      <p className="loading" role="status">
        Loading the storefront…
      </p>
    );
  return <ConfigContext.Provider value={data.storefrontConfig}>{children}</ConfigContext.Provider>;
}

export function useStorefrontConfig(): StorefrontConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error("useStorefrontConfig outside ConfigProvider");
  return config;
}
