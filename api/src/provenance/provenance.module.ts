import { Module } from "@nestjs/common";
import { AuthModule } from "../auth/auth.module.ts";
import { ChainModule } from "../chain/chain.module.ts";
import { DocumentsModule } from "../documents/documents.module.ts";
import { HealthModule } from "../health/health.module.ts";
import { RolesModule } from "../roles/roles.module.ts";
import { AuditResolver } from "./audit.resolver.ts";
import { AuditService } from "./audit.service.ts";
import { DigitalLinkResolver } from "./digital-link.resolver.ts";
import { DigitalLinkRoute } from "./digital-link-route.ts";
import { DigitalLinkService } from "./digital-link.service.ts";
import { EpcisRoute } from "./epcis-route.ts";
import { ExportProofs } from "./export-proofs.ts";
import { ForwardTraceResolver } from "./forward-trace.resolver.ts";
import { ForwardTraceService } from "./forward-trace.service.ts";
import { RecallRoute } from "./recall-route.ts";
import { ProvenanceResolver } from "./provenance.resolver.ts";
import { ProvenanceService } from "./provenance.service.ts";

/**
 * Provenance: items, traces, GS1 Digital Links, forward trace and recall, the EPCIS export, auditors' lists and
 * queries, and their part of the schema.
 */
@Module({
  imports: [AuthModule, ChainModule, DocumentsModule, HealthModule, RolesModule],
  providers: [
    ProvenanceService,
    ExportProofs,
    ProvenanceResolver,
    AuditService,
    AuditResolver,
    EpcisRoute,
    DigitalLinkService,
    DigitalLinkResolver,
    DigitalLinkRoute,
    ForwardTraceService,
    ForwardTraceResolver,
    RecallRoute,
  ],
  exports: [ProvenanceService, ForwardTraceService],
})
export class ProvenanceModule {}
