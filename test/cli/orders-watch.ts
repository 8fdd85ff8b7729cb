import { after, before, describe, it } from "node:test";
import { freshOrder } from "../api/helpers/fresh-order.ts";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { orders } from "../../indexer/src/store/schema.ts";
import { orderTermsFromJson } from "../../sdk/order-terms.ts";
import { startTestApi } from "../api/helpers/api-server.ts";
import { devAccount, type ApiSystem } from "../api/helpers/api-system.ts";
import { until } from "../helpers/until.ts";
import { chainActivity } from "../indexer/helpers/activity.ts";
import { hardhatKey } from "../web/test-wallet.ts";

/** Run by api.system.test.ts on its indexed demo ledger after its own tests: its own stack would cost an npm start. */
export function ordersWatchSuite(systemOf: () => ApiSystem) {
  describe("npm run merchant -- orders watch", () => {
    let system: ApiSystem;
    let api: Awaited<ReturnType<typeof startTestApi>>;

    before(async () => {
      system = systemOf();
      process.env.DEPLOYMENTS_DIR = system.ledger.deploymentsDir;
      api = await startTestApi(system.indexing.database, { RPC_URL: system.ledger.rpcUrl });
    });
    after(async () => {
      await api?.close();
    });

    /** `orders watch` of the merchant whose dev account is `index`, running until interrupted. */
    const watch = (index: number, ...flags: string[]) => {
      const child = spawn(process.execPath, ["scripts/merchant/main.ts", ...flags, "orders", "watch"], {
        env: {
          ...process.env,
          RPC_URL: system.ledger.rpcUrl,
          API_URL: api.graphqlUrl,
          DEPLOYMENTS_DIR: system.ledger.deploymentsDir,
          MERCHANT_PRIVATE_KEY: hardhatKey(index),
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const output = { stdout: "", stderr: "" };
      child.stdout.on("data", (chunk) => (output.stdout += chunk));
      child.stderr.on("data", (chunk) => (output.stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
      return { output, exited, interrupt: () => child.kill("SIGINT") };
    };

    it("prints each of the merchant's orders as it changes, as lines or JSON lines, and stops on Ctrl-C", async () => {
      const placedId = await freshOrder(system, "Placed");
      const [placed] = await system.indexing.database.db.select().from(orders).where(eq(orders.id, placedId));
      const index = Array.from({ length: 20 }, (_, i) => i).find(
        (i) => devAccount(i).address.toLowerCase() === placed.merchant,
      )!;
      const [lines, json] = [watch(index), watch(index, "--json")];
      for (const watcher of [lines, json])
        await until(
          "the watch is armed",
          async () => watcher.output.stderr,
          (text) => /watching the orders/.test(text),
        );

      const activity = chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
      await activity.send(
        "OrderEscrow",
        "acceptOrder",
        [BigInt(placedId), orderTermsFromJson(placed.terms)],
        placed.merchant,
      );
      await system.catchUp();

      await until(
        "the line printed",
        async () => lines.output.stdout,
        (text) => text.includes("Accepted"),
      );
      assert.match(lines.output.stdout, new RegExp(`^#${placedId}\\s+Accepted\\s`, "m"));
      await until(
        "the JSON line printed",
        async () => json.output.stdout,
        (text) => text.includes("\n"),
      );
      const pushed = JSON.parse(json.output.stdout.split("\n")[0]);
      assert.deepEqual([pushed.orderId, pushed.status], [placedId, "Accepted"]);

      lines.interrupt();
      json.interrupt();
      assert.deepEqual(await Promise.all([lines.exited, json.exited]), [0, 0], lines.output.stderr);
      assert.match(lines.output.stdout, /stopped after 1 order update$/m);
    });
  });
}
