// The embedded database on its own thread: PGlite (WASM PostgreSQL) runs in a worker and answers the
// PostgreSQL wire protocol on a Unix socket in a private directory, so its queries never hold the event
// loop that serves HTTP, and the rest of the process talks to it through the same driver as PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** Where a started PGlite thread listens, and how to stop it. */
export interface PgliteThread {
  /** node-postgres settings of its socket: `host` is the socket's directory. */
  connection: { host: string; port: number; user: string; database: string };
  stop(): Promise<void>;
}

const SOCKET_PORT = 5432;

/** Opens the PGlite database at `location` (a directory, or `memory://`) on a worker thread. */
export async function startPgliteThread(location: string): Promise<PgliteThread> {
  const socketDir = mkdtempSync(join(tmpdir(), "pglite-"));
  const worker = new Worker(new URL("./pglite-worker.ts", import.meta.url), {
    workerData: { location, socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once("message", (message: { listening?: true; error?: string }) =>
        message.listening ? resolve() : reject(new Error(message.error)),
      );
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the PGlite thread exited with code ${code} before it listened`)));
    });
  } catch (error) {
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  return {
    connection: { host: socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres" },
    async stop() {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      await exited;
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
