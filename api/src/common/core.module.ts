import { Global, Module, type DynamicModule } from "@nestjs/common";
import type { Logger } from "pino";
import type { IpfsNode } from "#ipfs-node/node.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { IndexChanges } from "./index-changes.ts";
import { CONFIG, LOGGER, MEDIA } from "./tokens.ts";

/**
 * The values built outside Nest (settings, the indexer's database, the logger, the embedded IPFS node) and the index's
 * change log, for every module.
 */
export interface AppValues {
  config: ApiConfig;
  database: Database;
  logger: Logger;
  media?: IpfsNode;
}

@Global()
@Module({})
export class CoreModule {
  static register(values: AppValues): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CONFIG, useValue: values.config },
        { provide: DATABASE, useValue: values.database },
        { provide: LOGGER, useValue: values.logger },
        { provide: MEDIA, useValue: values.media ?? null },
        IndexChanges,
      ],
      exports: [CONFIG, DATABASE, LOGGER, MEDIA, IndexChanges],
    };
  }
}
