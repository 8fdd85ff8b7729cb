import { Module } from "@nestjs/common";
import { AuthModule } from "../auth/auth.module.ts";
import { HealthModule } from "../health/health.module.ts";
import { UploadRoute } from "./upload-route.ts";

/** What the public port offers of the embedded IPFS node besides its gateway: signed-in uploads. */
@Module({
  imports: [AuthModule, HealthModule],
  providers: [UploadRoute],
})
export class MediaModule {}
