// Preloaded (`node --import`) into each child npm start runs: the child's fd 3 is a pipe from npm start, which
// closes however npm start ends, SIGKILL included (Node has no PR_SET_PDEATHSIG). On that close the child kills its
// own process group (it leads one: spawned detached), so nothing it started outlives npm start.
// Only the direct child watches: its own children inherit this preload but not the pipe.
import { Socket } from "node:net";

if (process.env.START_OWNER_PID !== undefined && process.env.START_OWNER_PID === String(process.ppid)) {
  const parent = new Socket({ fd: 3, readable: true, writable: false });
  parent.on("error", () => {});
  parent.on("close", () => {
    try {
      process.kill(-process.pid, "SIGKILL");
    } catch {
      process.kill(process.pid, "SIGKILL");
    }
  });
  parent.resume();
  parent.unref();
}
