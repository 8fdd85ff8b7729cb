import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { abiOf, CONTRACT_NAMES } from "../sdk/artifacts.ts";

const API = process.env.API_URL ?? "http://127.0.0.1:4000";
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** `virtual:abis`: only the ABIs of Hardhat's artifacts (the artifacts also carry bytecode, far too large to ship). */
function contractAbis(): Plugin {
  const id = "virtual:abis";
  return {
    name: "contract-abis",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(Object.fromEntries(CONTRACT_NAMES.map((name) => [name, abiOf(name)])))};` : undefined),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react(), contractAbis()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: {
    fs: { allow: [repoRoot] },
    proxy: Object.fromEntries(["/graphql", "/ipfs", "/api/v0"].map((path) => [path, { target: API, changeOrigin: false }])),
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
