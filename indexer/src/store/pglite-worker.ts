// The worker of pglite-thread.ts: opens PGlite and serves it on the Unix socket it was given until told to stop.
import { createServer, type Socket } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PgliteBridge } from "./pglite-bridge.ts";

const { location, socketPath } = workerData as { location: string; socketPath: string };
try {
  const db = await PGlite.create(location);
  const bridge = new PgliteBridge(db);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    bridge.serve(socket);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, resolve));
  parentPort!.on("message", async (message) => {
    if (message !== "stop") return;
    const stopped = bridge.stop();
    for (const socket of sockets) socket.destroy();
    await stopped;
    await new Promise((resolve) => server.close(resolve));
    await db.close();
    parentPort!.close();
  });
  parentPort!.postMessage({ listening: true });
} catch (error) {
  parentPort!.postMessage({ error: `PGlite at ${location} could not be opened: ${(error as Error).message}` });
}
