import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./indexer/src/store/schema.ts",
  out: "./indexer/src/store/migrations",
});
