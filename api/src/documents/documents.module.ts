import { Module } from "@nestjs/common";
import { DocumentsService } from "./documents.service.ts";

/** The IPFS documents the indexer resolved, and their gateway URLs. */
@Module({
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
