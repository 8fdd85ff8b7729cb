import { Module } from "@nestjs/common";
import { DocumentsModule } from "../documents/documents.module.ts";
import { CatalogSearch } from "./catalog/catalog-search.ts";
import { ListingsResolver } from "./listings.resolver.ts";
import { ListingsService } from "./listings.service.ts";

/** Listings: search, products, versions, reviews and their part of the schema. */
@Module({
  imports: [DocumentsModule],
  providers: [CatalogSearch, ListingsService, ListingsResolver],
  exports: [ListingsService, CatalogSearch],
})
export class ListingsModule {}
