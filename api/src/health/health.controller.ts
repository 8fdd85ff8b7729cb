import { Controller, Get, Header, HttpStatus, Inject, Res } from "@nestjs/common";
import type { FastifyReply } from "fastify";
import { DeploymentService } from "../chain/deployment.service.ts";
import { CatalogSearch } from "../listings/catalog/catalog-search.ts";
import { SyncStatusService } from "../sync/sync-status.service.ts";
import { ApiMetrics } from "./metrics.ts";

/**
 * /health: the process answers. /ready: the database answers, the deployment is known, the indexer has committed
 * and this replica's search index is loaded. /metrics.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(SyncStatusService) private readonly sync: SyncStatusService,
    @Inject(DeploymentService) private readonly deployment: DeploymentService,
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
    @Inject(CatalogSearch) private readonly catalog: CatalogSearch,
  ) {}

  @Get("health")
  health() {
    return { status: "ok" };
  }

  @Get("ready")
  async ready(@Res() reply: FastifyReply) {
    const searchIndexLoaded = this.catalog.loaded;
    try {
      this.deployment.get();
      const status = await this.sync.status();
      const ready = status.indexedBlock !== null && searchIndexLoaded;
      return reply
        .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .send({ ready, searchIndexLoaded, ...status });
    } catch (error) {
      return reply
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .send({ ready: false, searchIndexLoaded, error: (error as Error).message });
    }
  }

  @Get("metrics")
  @Header("content-type", "text/plain; version=0.0.4")
  metricsText() {
    return this.metrics.render();
  }
}
