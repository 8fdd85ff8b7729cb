import { basename } from "node:path";
import { Command } from "commander";
import { ValidationError } from "../../sdk/errors.ts";
import { storeImage } from "../../sdk/metadata/image.ts";
import { action } from "./lib/command.ts";
import { readImage } from "./lib/documents.ts";
import { imageProblem } from "./lib/listing-draft.ts";
import { userPath } from "./lib/user-path.ts";

const add = new Command("add")
  .description(
    "check and store images on IPFS, each with a WebP thumbnail; prints their CIDs and listing image entries",
  )
  .argument("<files...>", "JPEG, PNG or WebP files, at most 10 MiB each")
  .option("--alt <text>", "alt text for every image (default: the file name)")
  .action(
    action(async (ctx, files: string[], options: { alt?: string }) => {
      const problems = (
        await Promise.all(files.map(async (file) => [file, await imageProblem(userPath(file))] as const))
      ).filter(([, rule]) => rule);
      if (problems.length)
        throw new ValidationError(
          "files",
          `nothing was stored:\n${problems.map(([file, rule]) => `  ${file} ${rule}`).join("\n")}`,
        );
      const images = [];
      for (const file of files) {
        images.push({
          file,
          ...(await storeImage(await ctx.ipfs(), readImage(file, "files"), options.alt ?? basename(file), {
            field: file,
          })),
        });
        ctx.logger.info({ file, stored: images.length, total: files.length }, "image stored");
      }
      return {
        data: images,
        text: images
          .map(
            (i) =>
              `${i.file}\n  image     ${i.cid} (${i.mediaType}, ${i.width}×${i.height})\n` +
              `  thumbnail ${i.thumbnail.cid} (${i.thumbnail.width}×${i.thumbnail.height})`,
          )
          .join("\n"),
      };
    }),
  );

export const mediaCommand = new Command("media").addCommand(add);
