import { Command, InvalidArgumentError, Option } from "commander";
import { action } from "./lib/command.ts";
import { relativeTo, validateDrafts } from "./lib/listing-draft.ts";
import { publishDrafts, type PublishedSummary } from "./lib/listing-publish.ts";
import { csvRows, fileRows, type SourceRow } from "./lib/listing-sources.ts";
import type { Context } from "./lib/context.ts";

const FIELDS = `Fields: sku, version (default: next), title, description, category ("Home > Kitchen"), attributes,
images (files, relative to the input file), image_alt, price (decimal, e.g. 12.50), token ("native" or an
allowed ERC-20 address), quantity, shipping_regions (ISO codes), returns_accepted, return_days,
buyer_pays_return, valid_days (default 365).`;

const batchOption = () =>
  new Option("--batch <n>", "listings per batch of transactions").default(10).argParser((value) => {
    if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError("must be a whole number of at least 1");
    return Number(value);
  });

async function publishFrom(ctx: Context, path: string, rows: SourceRow[], batch: number) {
  const drafts = await validateDrafts(ctx, path, rows, relativeTo(path));
  ctx.logger.info({ listings: drafts.length }, "every listing is valid");
  const published = await publishDrafts(ctx, drafts, batch);
  return { data: { published }, text: summary(published) };
}

function summary(published: PublishedSummary[]): string {
  const rows = published.map(
    (p) => `${p.where.padEnd(10)} sku ${String(p.sku).padEnd(6)} v${p.version}  ${p.listingId}`,
  );
  return [...rows, `${published.length} listing${published.length === 1 ? "" : "s"} published`].join("\n");
}

export const listingCreateCommand = new Command("create")
  .description(
    "validate, upload, sign and publish listings from a JSON or YAML file (one product, an array or {listings: [...]})",
  )
  .argument("<file>", "listing file (.json, .yaml, .yml)")
  .addOption(batchOption())
  .addHelpText(
    "after",
    `\n${FIELDS}\nA product with an SKU already listed is published as its next version, superseding the current one.`,
  )
  .action(
    action(async (ctx, path: string, options: { batch: number }) =>
      publishFrom(ctx, path, fileRows(path), options.batch),
    ),
  );

export const listingImportCommand = new Command("import")
  .description("validate every row of a CSV of products, then upload media, sign and publish them in batches")
  .argument("<file>", "CSV file with a header line naming the fields")
  .addOption(batchOption())
  .addHelpText(
    "after",
    `\n${FIELDS}\nIn CSV, lists are separated by "|" (images, attributes as name=value). ` +
      "A bad row is reported with its line\nnumber and field, and then nothing is published.",
  )
  .action(
    action(async (ctx, path: string, options: { batch: number }) =>
      publishFrom(ctx, path, csvRows(path), options.batch),
    ),
  );
