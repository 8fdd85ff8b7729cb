import { Module } from "@nestjs/common";
import { DocumentsModule } from "../documents/documents.module.ts";
import { HealthModule } from "../health/health.module.ts";
import { AuditResolver } from "./audit.resolver.ts";
import { AuditService } from "./audit.service.ts";
import { EpcisRoute } from "./epcis-route.ts";
import { ProvenanceResolver } from "./provenance.resolver.ts";
import { ProvenanceService } from "./provenance.service.ts";

/** Provenance: items, traces, the EPCIS export, auditors' lists and queries, and their part of the schema. */
@Module({
  imports: [DocumentsModule, HealthModule],
  providers: [ProvenanceService, ProvenanceResolver, AuditService, AuditResolver, EpcisRoute],
  exports: [ProvenanceService],
})
export class ProvenanceModule {}
