import { Module } from "@nestjs/common";
import { RolesResolver } from "./roles.resolver.ts";
import { RolesService } from "./roles.service.ts";

/** AccessManager roles as indexed, and their part of the schema. */
@Module({
  providers: [RolesService, RolesResolver],
  exports: [RolesService],
})
export class RolesModule {}
