import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatIgnitionViem from "@nomicfoundation/hardhat-ignition-viem";

const require = createRequire(import.meta.url);
// Solidity compiles offline: Hardhat runs the soljson.js shipped in the `solc` npm package
// instead of downloading a compiler. Its version must be the real one, hence read from the package.
const SOLC_VERSION: string = require("solc/package.json").version;
const SOLCJS_PATH = require.resolve("solc/soljson.js");
const EVM_VERSION = "cancun";

export default defineConfig({
  plugins: [hardhatViem, hardhatViemAssertions, hardhatNetworkHelpers, hardhatIgnitionViem],
  // Where Ignition keeps its deployment journals (deployments/chain-<id>). npm start points it into the local
  // chain's data directory, so two data directories on chain id 31337 never share, or delete, one journal.
  paths: { ignition: process.env.IGNITION_DIR ?? "ignition" },
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: SOLCJS_PATH,
        settings: { evmVersion: EVM_VERSION, optimizer: { enabled: true, runs: 200 } },
      },
      production: {
        version: SOLC_VERSION,
        path: SOLCJS_PATH,
        settings: { evmVersion: EVM_VERSION, optimizer: { enabled: true, runs: 10_000 } },
      },
    },
    npmFilesToBuild: ["@openzeppelin/contracts/access/manager/AccessManager.sol"],
  },
  networks: {
    // `hardhat node`. npm start fixes the genesis date per data directory (CHAIN_GENESIS_DATE) and mines
    // in arrival order, so replaying its block journal rebuilds the same blocks: see scripts/chain/.
    node: {
      type: "edr-simulated",
      chainType: "l1",
      initialDate: process.env.CHAIN_GENESIS_DATE,
      mining: { mempool: { order: "fifo" } },
    },
    localhost: { type: "http", chainType: "l1", url: process.env.RPC_URL ?? "http://127.0.0.1:8545" },
  },
});
