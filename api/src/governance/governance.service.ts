import { Inject, Injectable } from "@nestjs/common";
import { desc, eq, sql } from "drizzle-orm";
import type { Hex } from "viem";
import { scheduledOperations } from "#indexer/store/schema.ts";
import { decodeGovernedCall } from "#sdk/admin-calls.ts";
import { DeploymentService } from "../chain/deployment.service.ts";
import { connection, pageWindow } from "../common/connection.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";

/** AccessManager's `expiration()`: a scheduled call not executed within a week of its time can no longer be. */
const EXPIRY_SECONDS = 7 * 86_400;

export type ScheduledOperationStatus = "Scheduled" | "Executed" | "Canceled";

/** The AccessManager's queue as indexed, each call decoded with its target's ABI. */
@Injectable()
export class GovernanceService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(DeploymentService) private readonly deployment: DeploymentService,
  ) {}

  /** Scheduled calls, most recently scheduled first, optionally in one status. */
  async operations(args: { status?: ScheduledOperationStatus | null; first?: number | null; after?: string | null }) {
    const window = pageWindow(args.first, args.after, this.config.limits.maxPageSize);
    const where = args.status ? eq(scheduledOperations.status, args.status) : undefined;
    const db = this.database.db;
    const [rows, [{ total }]] = await Promise.all([
      db
        .select()
        .from(scheduledOperations)
        .where(where)
        .orderBy(desc(scheduledOperations.scheduledBlock), desc(scheduledOperations.nonce))
        .limit(window.limit + 1)
        .offset(window.offset),
      db.select({ total: sql<number>`count(*)::int` }).from(scheduledOperations).where(where),
    ]);
    const deployment = this.deployment.get();
    const decoded = rows.map((row) => ({
      ...row,
      call: decodeGovernedCall(deployment, row.target, row.data as Hex),
      expiresAt: row.executableAt + EXPIRY_SECONDS,
    }));
    return connection(decoded, window, total);
  }
}
