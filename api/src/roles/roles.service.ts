import { Inject, Injectable } from "@nestjs/common";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { roleGrantHistory, roleLabels, roleMembers } from "#indexer/store/schema.ts";
import { ROLES } from "#sdk/roles.ts";
import { connection, pageWindow } from "../common/connection.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";

const NAMES = new Map(Object.entries(ROLES).map(([name, id]) => [id.toString(), name]));

/** AccessManager grants as indexed: who holds which role, since when, and which grants were revoked. */
@Injectable()
export class RolesService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Every grant of `account`, active or revoked, with the role's label. */
  async ofAccount(account: string) {
    return this.#labelled(
      await this.database.db
        .select()
        .from(roleMembers)
        .where(eq(roleMembers.account, account))
        .orderBy(asc(roleMembers.roleId)),
    );
  }

  /** The grants in force of each of `accounts`, with the roles' labels. */
  async activeOfAccounts(accounts: readonly string[]) {
    const rows = await this.#labelled(
      await this.database.db
        .select()
        .from(roleMembers)
        .where(and(inArray(roleMembers.account, [...accounts]), eq(roleMembers.active, true)))
        .orderBy(asc(roleMembers.roleId)),
    );
    return accounts.map((account) => rows.filter((row) => row.account === account));
  }

  /** Grants in the order they were last changed (newest first), optionally of one role. */
  async grants(args: { roleId?: string | null; first?: number | null; after?: string | null }) {
    const window = pageWindow(args.first, args.after, this.config.limits.maxPageSize);
    const where = args.roleId ? eq(roleMembers.roleId, args.roleId) : undefined;
    const rows = await this.database.db
      .select()
      .from(roleMembers)
      .where(where)
      .orderBy(desc(roleMembers.blockNumber), asc(roleMembers.roleId), asc(roleMembers.account))
      .limit(window.limit + 1)
      .offset(window.offset);
    const [{ total }] = await this.database.db
      .select({ total: sql<number>`count(*)::int` })
      .from(roleMembers)
      .where(where);
    return connection(await this.#labelled(rows), window, total);
  }

  /** Grant and revocation events, newest first, optionally of one account and/or one role. */
  async history(args: {
    account?: string | null;
    roleId?: string | null;
    first?: number | null;
    after?: string | null;
  }) {
    const window = pageWindow(args.first, args.after, this.config.limits.maxPageSize);
    const where = and(
      args.account ? eq(roleGrantHistory.account, args.account) : undefined,
      args.roleId ? eq(roleGrantHistory.roleId, args.roleId) : undefined,
    );
    const db = this.database.db;
    const [rows, [{ total }]] = await Promise.all([
      db
        .select()
        .from(roleGrantHistory)
        .where(where)
        .orderBy(desc(roleGrantHistory.blockNumber), desc(roleGrantHistory.logIndex))
        .limit(window.limit + 1)
        .offset(window.offset),
      db.select({ total: sql<number>`count(*)::int` }).from(roleGrantHistory).where(where),
    ]);
    return connection(await this.#labelled(rows), window, total);
  }

  /**
   * Whether `account` holds any of `roles` as indexed. A grant's `since` is chain time, which a local
   * chain may have moved past the wall clock, so an indexed active grant counts from its block on.
   */
  async holdsAny(account: string, roles: readonly bigint[]): Promise<boolean> {
    const [row] = await this.database.db
      .select({ roleId: roleMembers.roleId })
      .from(roleMembers)
      .where(
        and(
          eq(roleMembers.account, account),
          eq(roleMembers.active, true),
          inArray(roleMembers.roleId, roles.map(String)),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  async #labelled<T extends { roleId: string }>(rows: T[]) {
    const ids = [...new Set(rows.map((row) => row.roleId))];
    const labels = ids.length
      ? await this.database.db.select().from(roleLabels).where(inArray(roleLabels.roleId, ids))
      : [];
    return rows.map((row) => ({
      ...row,
      label: labels.find((label) => label.roleId === row.roleId)?.label ?? NAMES.get(row.roleId) ?? null,
    }));
  }
}
