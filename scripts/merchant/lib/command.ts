import type { Command } from "commander";
import type { Context } from "./context.ts";

/** What a command prints: `data` with --json, else `text`. */
export interface Output {
  data: unknown;
  text: string;
}

export const toJson = (value: unknown, indent = 2) =>
  JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v), indent);

/**
 * Wraps a command handler: builds the context from the global flags, runs it, prints the result to
 * stdout. Errors propagate to main.ts, which reports them and exits non-zero.
 */
export function action<A extends unknown[]>(handler: (ctx: Context, ...args: A) => Promise<Output>) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const flags = command.optsWithGlobals();
    const { Context } = await import("./context.ts"); // clients, keystore and IPFS only once a command runs
    const output = await handler(new Context(flags), ...(args.slice(0, -1) as A));
    process.stdout.write(`${flags.json ? toJson(output.data) : output.text}\n`);
  };
}
