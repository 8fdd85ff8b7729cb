import { Inject, Injectable } from "@nestjs/common";
import type { Address, PublicClient } from "viem";
import { proveLogs } from "#sdk/proofs/event-proof.ts";
import { CHAIN_CLIENT } from "../chain/chain-client.ts";
import { DeploymentService } from "../chain/deployment.service.ts";
import { ChainUnavailableError } from "../errors.ts";
import type { EpcisEntry } from "./epcis.ts";

export interface ProvenEvents {
  /** The Provenance contract the proven logs are of; null when the events go out unproven. */
  provenance: Address | null;
  events: Record<string, unknown>[];
}

/**
 * Puts each exported event where the chain holds it: block hash, transaction, log index, and the receipt with its
 * inclusion proof in the block's receiptsRoot, so that anyone can check the export against any node
 * (`npm run auditor -- verify`). Without RPC_URL the events go out unproven, as the verifier will say.
 */
@Injectable()
export class ExportProofs {
  constructor(
    @Inject(CHAIN_CLIENT) private readonly client: PublicClient | null,
    @Inject(DeploymentService) private readonly deployment: DeploymentService,
  ) {}

  async attach(entries: readonly EpcisEntry[]): Promise<ProvenEvents> {
    if (!this.client) return { provenance: null, events: entries.map((entry) => entry.event) };
    const contract = this.deployment.get().contracts.Provenance.address;
    const proofs = await proveLogs(
      this.client,
      entries.map((entry) => ({ ...entry.log, contract })),
    ).catch((cause: unknown) => {
      throw new ChainUnavailableError("the chain node could not give the receipts that prove this export", { cause });
    });
    const events = entries.map(({ event }, i) => ({
      ...event,
      "cl:blockHash": proofs[i].blockHash,
      "cl:txHash": proofs[i].transactionHash,
      "cl:logIndex": proofs[i].logIndex,
      "cl:proof": proofs[i],
    }));
    return { provenance: contract, events };
  }
}
