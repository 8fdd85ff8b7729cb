import { Inject, Injectable } from "@nestjs/common";
import { readDeployment, type Deployment } from "#sdk/deployments.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";

/** The deployment record of the configured chain, read on first use (the API may start before the deploy). */
@Injectable()
export class DeploymentService {
  #deployment: Deployment | undefined;

  constructor(@Inject(CONFIG) private readonly config: ApiConfig) {}

  get(): Deployment {
    this.#deployment ??= readDeployment(this.config.chainId, this.config.deploymentsDir);
    return this.#deployment;
  }
}
