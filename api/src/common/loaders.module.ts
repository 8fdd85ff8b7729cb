import { Module } from "@nestjs/common";
import { AccountsModule } from "../accounts/accounts.module.ts";
import { DocumentsModule } from "../documents/documents.module.ts";
import { ListingsModule } from "../listings/listings.module.ts";
import { MerchantsModule } from "../merchants/merchants.module.ts";
import { OrdersModule } from "../orders/orders.module.ts";
import { ProvenanceModule } from "../provenance/provenance.module.ts";
import { RolesModule } from "../roles/roles.module.ts";
import { LoaderFactory } from "./loaders.ts";

/** The per-request DataLoaders over the domain services. */
@Module({
  imports: [
    AccountsModule,
    DocumentsModule,
    ListingsModule,
    MerchantsModule,
    OrdersModule,
    ProvenanceModule,
    RolesModule,
  ],
  providers: [LoaderFactory],
  exports: [LoaderFactory],
})
export class LoadersModule {}
