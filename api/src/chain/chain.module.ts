import { Module } from "@nestjs/common";
import { ChainClock } from "./chain-clock.service.ts";
import { CHAIN_CLIENT, chainClientProvider } from "./chain-client.ts";
import { DeploymentService } from "./deployment.service.ts";

/** The chain as the API sees it: the RPC client, the chain's time, the deployed contracts. */
@Module({
  providers: [chainClientProvider, ChainClock, DeploymentService],
  exports: [CHAIN_CLIENT, ChainClock, DeploymentService],
})
export class ChainModule {}
