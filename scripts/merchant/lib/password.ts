import { createInterface } from "node:readline";
import { KeystoreError } from "./errors.ts";

/**
 * The keystore password: `MERCHANT_PASSWORD`, else asked on the terminal without echo (twice when
 * creating a keystore). Without a terminal (scripts, CI) a missing variable is an error, never a hang.
 */
export async function readPassword(fromEnv: string | undefined, options: { confirm?: boolean } = {}): Promise<string> {
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new KeystoreError("MERCHANT_PASSWORD: is not set and there is no terminal to ask for the keystore password");
  }
  const password = await ask("Keystore password: ");
  if (password.length === 0) throw new KeystoreError("password: must not be empty");
  if (options.confirm && (await ask("Repeat password: ")) !== password)
    throw new KeystoreError("password: the two entries differ");
  return password;
}

function ask(prompt: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(prompt);
  // Echo nothing while the password is typed.
  (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  return new Promise((resolve) =>
    terminal.question("", (answer) => {
      terminal.close();
      process.stderr.write("\n");
      resolve(answer);
    }),
  );
}
