import { pino, type Logger } from "pino";
import { IpfsClient } from "../../../sdk/ipfs/client.ts";
import { connectChain, type Chain } from "./chain.ts";
import { readCliConfig, type CliConfig, type GlobalFlags } from "./config.ts";
import { loadIdentity, type Identity } from "./identity.ts";
import { chainReader, type Reader } from "./reader.ts";
import { transactor, type Transactor } from "./transact.ts";

/** What a command may use, each made on first use: a command that never signs never asks for a password. */
export class Context {
  readonly config: CliConfig;
  readonly logger: Logger;
  #chain?: Promise<Chain>;
  #identity?: Promise<Identity>;
  #ipfs?: IpfsClient;

  constructor(flags: GlobalFlags) {
    this.config = readCliConfig(flags);
    this.logger = pino({ level: this.config.LOG_LEVEL }, pino.destination(2));
  }

  chain(): Promise<Chain> {
    return (this.#chain ??= connectChain(this.config.RPC_URL, this.config.DEPLOYMENTS_DIR));
  }

  async reader(): Promise<Reader> {
    return chainReader(await this.chain());
  }

  identity(): Promise<Identity> {
    return (this.#identity ??= loadIdentity(this.config));
  }

  async tx(): Promise<Transactor> {
    return transactor(await this.chain(), await this.identity(), this.config.RPC_URL, this.logger);
  }

  ipfs(): IpfsClient {
    return (this.#ipfs ??= new IpfsClient(this.config.ipfs));
  }
}
