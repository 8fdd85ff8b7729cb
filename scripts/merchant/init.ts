import { Command } from "commander";
import type { Hex } from "viem";
import { ValidationError } from "../../sdk/errors.ts";
import { action } from "./lib/command.ts";
import { createKeystore } from "./lib/keystore.ts";
import { readPassword } from "./lib/password.ts";

export const initCommand = new Command("init")
  .option("--import-env-key", "store MERCHANT_PRIVATE_KEY in the keystore instead of a fresh key")
  .addHelpText(
    "after",
    "\nThe password comes from MERCHANT_PASSWORD or is asked on the terminal. No private key is ever printed.",
  )
  .action(
    action(async (ctx, options: { importEnvKey?: boolean }) => {
      const privateKey = options.importEnvKey ? (ctx.config.MERCHANT_PRIVATE_KEY as Hex | undefined) : undefined;
      if (options.importEnvKey && !privateKey)
        throw new ValidationError("MERCHANT_PRIVATE_KEY", "must be set with --import-env-key");
      const password = await readPassword(ctx.config.MERCHANT_PASSWORD, { confirm: true });
      const keystore = await createKeystore(ctx.config.MERCHANT_KEYSTORE, password, privateKey);
      ctx.logger.info({ path: keystore.path, address: keystore.address }, "keystore created");
      return {
        data: keystore,
        text:
          `keystore ${keystore.path}\naddress ${keystore.address}\nencryption key ${keystore.encryptionPublicKey}\n` +
          "Fund the address, then run `merchant apply <profile.yaml>`.",
      };
    }),
  );
