import { Global, Module, type DynamicModule } from "@nestjs/common";
import type { Logger } from "pino";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { IndexChanges } from "./index-changes.ts";
import { CONFIG, LOGGER } from "./tokens.ts";

/**
 * The values built outside Nest (settings, the indexer's database, the logger) and the index's change log, for every
 * module.
 */
@Global()
@Module({})
export class CoreModule {
  static register(values: { config: ApiConfig; database: Database; logger: Logger }): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CONFIG, useValue: values.config },
        { provide: DATABASE, useValue: values.database },
        { provide: LOGGER, useValue: values.logger },
        IndexChanges,
      ],
      exports: [CONFIG, DATABASE, LOGGER, IndexChanges],
    };
  }
}
