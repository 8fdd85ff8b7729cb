import { Module } from "@nestjs/common";
import { DocumentsModule } from "../documents/documents.module.ts";
import { ProvenanceResolver } from "./provenance.resolver.ts";
import { ProvenanceService } from "./provenance.service.ts";

/** Provenance: items, traces, the EPCIS export and their part of the schema. */
@Module({
  imports: [DocumentsModule],
  providers: [ProvenanceService, ProvenanceResolver],
  exports: [ProvenanceService],
})
export class ProvenanceModule {}
