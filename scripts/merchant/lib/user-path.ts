import { resolve } from "node:path";

/**
 * A file path as the user typed it, made absolute from the directory they ran the command in:
 * `npm run merchant` runs in the project root, and says where it was started in INIT_CWD.
 */
export function userPath(path: string): string {
  const startedIn = process.env.npm_lifecycle_event === "merchant" ? process.env.INIT_CWD : undefined;
  return resolve(startedIn ?? process.cwd(), path);
}
