// The reference beside /health in bench:api: an HTTP server in a process of its own that does nothing but answer
// what /health answers. Timed the same way during the same load, it shows what the machine alone costs an answer
// (two busy cores: waiting to be scheduled), so /health's time above it is the API's. Prints its port, then serves
// until killed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const server = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
