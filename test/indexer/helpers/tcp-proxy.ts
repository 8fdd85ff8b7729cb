import { connect, createServer, type Socket } from "node:net";

/** A TCP relay to `target` on `port` that can cut every connection and refuse new ones, then reopen. */
export async function startTcpProxy(port: number, target: number) {
  const sockets = new Set<Socket>();
  let server = listen();
  function listen() {
    const created = createServer((client) => {
      const upstream = connect(target, "127.0.0.1");
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise<typeof created>((resolve, reject) =>
      created.once("error", reject).listen(port, "127.0.0.1", () => resolve(created)),
    );
  }
  await server;
  return {
    /** Cuts every relayed connection and stops accepting new ones. */
    async cut(): Promise<void> {
      const current = await server;
      const closed = new Promise<void>((resolve) => current.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async reopen(): Promise<void> {
      server = listen();
      await server;
    },
    async stop(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      const current = await server;
      if (current.listening) await new Promise((resolve) => current.close(resolve));
    },
  };
}
