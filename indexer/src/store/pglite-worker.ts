// The worker of pglite-thread.ts: opens PGlite and serves it on the Unix socket it was given until told to stop.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const { location, socketPath } = workerData as { location: string; socketPath: string };
try {
  const db = await PGlite.create(location);
  // The parent's pool holds one connection: transactions and reads queue there, as they did in-process.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
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
