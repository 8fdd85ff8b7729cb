import { Inject, Injectable } from "@nestjs/common";
import { eq } from "drizzle-orm";
import { erc20Abi, type Address, type PublicClient } from "viem";
import { allowedTokens } from "#indexer/store/schema.ts";
import { NATIVE_TOKEN } from "#sdk/eip712.ts";
import { CHAIN_CLIENT } from "../chain/chain-client.ts";
import { DeploymentService } from "../chain/deployment.service.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";

export interface PaymentToken {
  address: string;
  symbol: string | null;
  decimals: number | null;
}

/** What a wallet-connected client needs to know before it talks to the chain: chain, RPC, contracts, tokens. */
@Injectable()
export class StorefrontService {
  /** Symbol and decimals never change for a deployed token, so each is read from the chain once. */
  readonly #tokenDetails = new Map<string, Promise<Omit<PaymentToken, "address">>>();

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(DeploymentService) private readonly deployment: DeploymentService,
    @Inject(CHAIN_CLIENT) private readonly client: PublicClient | null,
  ) {}

  async describe() {
    const { contracts } = this.deployment.get();
    const rows = await this.database.db
      .select({ token: allowedTokens.token })
      .from(allowedTokens)
      .where(eq(allowedTokens.allowed, true));
    const tokens = await Promise.all(
      rows.map(async ({ token }) => ({ address: token, ...(await this.#details(token)) })),
    );
    return {
      chainId: this.config.chainId,
      rpcUrl: this.config.publicRpcUrl ?? null,
      explorerUrl: this.config.explorerUrl ?? null,
      contracts: {
        orderEscrow: contracts.OrderEscrow.address,
        reviews: contracts.Reviews.address,
        listingRegistry: contracts.ListingRegistry.address,
        provenance: contracts.Provenance.address,
      },
      tokens: [{ address: NATIVE_TOKEN, symbol: "ETH", decimals: 18 }, ...tokens],
    };
  }

  #details(token: string): Promise<Omit<PaymentToken, "address">> {
    let details = this.#tokenDetails.get(token);
    if (!details) {
      details = this.#read(token as Address);
      this.#tokenDetails.set(token, details);
    }
    return details;
  }

  async #read(address: Address): Promise<Omit<PaymentToken, "address">> {
    if (!this.client) return { symbol: null, decimals: null };
    try {
      const [symbol, decimals] = await Promise.all([
        this.client.readContract({ address, abi: erc20Abi, functionName: "symbol" }),
        this.client.readContract({ address, abi: erc20Abi, functionName: "decimals" }),
      ]);
      return { symbol, decimals };
    } catch {
      // Not cached: the node may answer next time.
      this.#tokenDetails.delete(address);
      return { symbol: null, decimals: null };
    }
  }
}
