import type { Address } from "viem";

export interface PaymentToken {
  address: Address;
  symbol: string | null;
  decimals: number | null;
}

export interface StorefrontConfig {
  chainId: number;
  rpcUrl: string | null;
  explorerUrl: string | null;
  contracts: { orderEscrow: Address; reviews: Address; listingRegistry: Address; provenance: Address };
  tokens: PaymentToken[];
}

export const STOREFRONT_CONFIG_QUERY = /* GraphQL */ `
  query StorefrontConfig {
    storefrontConfig {
      chainId
      rpcUrl
      explorerUrl
      contracts { orderEscrow reviews listingRegistry provenance }
      tokens { address symbol decimals }
    }
  }
`;
