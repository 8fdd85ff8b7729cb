// The worker of pglite-thread.ts: opens PGlite and serves it on the Unix socket it was given until told to stop.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const { location, socketPath } = workerData as { location: string; socketPath: string };
try {
  const db = await PGlite.create(location);
  // The parent's pool holds one connection, and this server runs one statement at a time whatever the count. It
  // accepts a few more: the pool discards its connection after any failed query and connects again at once, and a
  // new connection turned away because the old one's close has not reached this thread yet fails its query.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
  await server.start();
  parentPort!.on("message", async (message) => {
    if (message !== "stop") return;
    await server.stop();
    await db.close();
    parentPort!.close();
  });
  parentPort!.postMessage({ listening: true });
} catch (error) {
  parentPort!.postMessage({ error: `PGlite at ${location} could not be opened: ${(error as Error).message}` });
}
