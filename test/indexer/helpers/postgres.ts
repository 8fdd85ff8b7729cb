import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../../helpers/ports.ts";

const PG_ROOT = "/usr/lib/postgresql";

/**
 * A throwaway PostgreSQL cluster (the Debian `postgresql` package, installed by .ci/run) in a temp
 * directory, on 127.0.0.1 and a free port, run as user postgres because root may not run initdb.
 */
export async function startPostgres() {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).sort() : [];
  if (versions.length === 0)
    throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (see .ci/run)");
  const bin = join(PG_ROOT, versions.at(-1)!, "bin");
  const dir = mkdtempSync(join(tmpdir(), "indexer-pg-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const asPostgres = (command: string) => execFileSync("su", ["postgres", "-c", command], { stdio: "pipe" });
  asPostgres(`${bin}/initdb -D ${dir}/data -U app --auth=trust -E UTF8 --locale=C.UTF-8`);
  const serverOptions =
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} ` +
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  asPostgres(`${bin}/pg_ctl -D ${dir}/data -l ${dir}/server.log -o "${serverOptions}" -w start`);
  const admin = new pg.Pool({ connectionString: `postgres://app@127.0.0.1:${port}/postgres`, max: 1 });
  let databases = 0;
  return {
    /** A new empty database's URL. */
    async createDatabase(): Promise<string> {
      const name = `indexer_${++databases}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://app@127.0.0.1:${port}/${name}`;
    },
    async stop(): Promise<void> {
      await admin.end();
      asPostgres(`${bin}/pg_ctl -D ${dir}/data -m immediate -w stop`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Postgres = Awaited<ReturnType<typeof startPostgres>>;
