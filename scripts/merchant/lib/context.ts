import { pino, type Logger } from "pino";
import type { IpfsClient } from "../../../sdk/ipfs/client.ts";
import { connectChain, type Chain } from "./chain.ts";
import { readCliConfig, type CliConfig, type GlobalFlags } from "./config.ts";
import { loadIdentity, type Identity } from "./identity.ts";
import { apiReader } from "./api-reader.ts";
import { ApiUnreachableError, GraphqlClient } from "./graphql.ts";
import { chainReader, type Reader, type SyncStatus } from "./reader.ts";
import { transactor, type Transactor } from "./transact.ts";

/** What a command may use, each made on first use: a command that never signs never asks for a password. */
export class Context {
  readonly config: CliConfig;
  readonly logger: Logger;
  #chain?: Promise<Chain>;
  #identity?: Promise<Identity>;
  #ipfs?: Promise<IpfsClient>;
  #browse?: Promise<Reader>;

  constructor(flags: GlobalFlags) {
    this.config = readCliConfig(flags);
    this.logger = pino({ level: this.config.LOG_LEVEL }, pino.destination(2));
  }

  chain(): Promise<Chain> {
    return (this.#chain ??= connectChain(this.config.RPC_URL, this.config.DEPLOYMENTS_DIR));
  }

  /** Current chain state and logs: what commands that act read, so they see what their transaction will meet. */
  async reader(): Promise<Reader> {
    return chainReader(await this.chain());
  }

  /**
   * What browsing commands (orders list/show, listing list, status) read: the GraphQL API at API_URL
   * when it answers for this chain, else chain state and logs (with a warning).
   */
  browse(): Promise<Reader> {
    return (this.#browse ??= this.#openBrowse());
  }

  async #openBrowse(): Promise<Reader> {
    const chain = await this.chain();
    const onChain = chainReader(chain);
    const api = new GraphqlClient(this.config.API_URL, { timeoutMs: 5_000 });
    let sync: SyncStatus & { chainId: number };
    try {
      ({ syncStatus: sync } = await api.request<{ syncStatus: SyncStatus & { chainId: number } }>(
        "{ syncStatus { chainId indexedBlock headBlock lag } }",
      ));
    } catch (error) {
      if (!(error instanceof ApiUnreachableError)) throw error;
      this.logger.warn({ api_url: this.config.API_URL }, "the GraphQL API does not answer: reading chain logs instead");
      return onChain;
    }
    if (sync.chainId !== chain.chainId) {
      this.logger.warn(
        { api_url: this.config.API_URL, api_chain_id: sync.chainId, chain_id: chain.chainId },
        "the GraphQL API serves another chain: reading chain logs instead",
      );
      return onChain;
    }
    return apiReader(onChain, api, await this.identity(), sync);
  }

  identity(): Promise<Identity> {
    return (this.#identity ??= loadIdentity(this.config));
  }

  async tx(): Promise<Transactor> {
    return transactor(await this.chain(), await this.identity(), this.config.RPC_URL, this.logger);
  }

  /** Loaded on first use: kubo-rpc-client is the heaviest import and most commands never touch IPFS. */
  ipfs(): Promise<IpfsClient> {
    return (this.#ipfs ??= import("../../../sdk/ipfs/client.ts").then(
      ({ IpfsClient }) => new IpfsClient(this.config.ipfs),
    ));
  }
}
