import { Module } from "@nestjs/common";
import { DocumentsModule } from "../documents/documents.module.ts";
import { ListingsModule } from "../listings/listings.module.ts";
import { MerchantsResolver } from "./merchants.resolver.ts";
import { MerchantsService } from "./merchants.service.ts";

/** Merchants: directory, profiles, status history, ratings, sales and their part of the schema. */
@Module({
  imports: [DocumentsModule, ListingsModule],
  providers: [MerchantsService, MerchantsResolver],
  exports: [MerchantsService],
})
export class MerchantsModule {}
