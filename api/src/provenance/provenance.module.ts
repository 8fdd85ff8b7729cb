import { Module } from "@nestjs/common";
import { DocumentsModule } from "../documents/documents.module.ts";
import { HealthModule } from "../health/health.module.ts";
import { AuditResolver } from "./audit.resolver.ts";
import { AuditService } from "./audit.service.ts";
import { DigitalLinkResolver } from "./digital-link.resolver.ts";
import { DigitalLinkRoute } from "./digital-link-route.ts";
import { DigitalLinkService } from "./digital-link.service.ts";
import { EpcisRoute } from "./epcis-route.ts";
import { ProvenanceResolver } from "./provenance.resolver.ts";
import { ProvenanceService } from "./provenance.service.ts";

/**
 * Provenance: items, traces, GS1 Digital Links, the EPCIS export, auditors' lists and queries, and their part of the
 * schema.
 */
@Module({
  imports: [DocumentsModule, HealthModule],
  providers: [
    ProvenanceService,
    ProvenanceResolver,
    AuditService,
    AuditResolver,
    EpcisRoute,
    DigitalLinkService,
    DigitalLinkResolver,
    DigitalLinkRoute,
  ],
  exports: [ProvenanceService],
})
export class ProvenanceModule {}
