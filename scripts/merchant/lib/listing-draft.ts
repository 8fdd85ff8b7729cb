import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import sharp from "sharp";
import { zeroAddress, type Address } from "viem";
import { z } from "zod/v4";
import { ValidationError } from "../../../sdk/errors.ts";
import { imageMediaType } from "../../../sdk/metadata/common.ts";
import { defaultImageLimits } from "../../../sdk/metadata/image.ts";
import { listingMetadata, type ListingMetadata } from "../../../sdk/metadata/listing.ts";
import { sniffMediaType } from "../../../sdk/metadata/media-type.ts";
import { currencyOf, parseAmount } from "./amounts.ts";
import type { Context } from "./context.ts";
import { userPath } from "./user-path.ts";
import { parseAddress } from "./inputs.ts";

/**
 * One product as a merchant writes it, in a YAML/JSON file or a CSV row (same field names; in CSV,
 * lists are separated by `|`, and category levels by `>`).
 */
const wholeNumber = (min: number) =>
  z.union([z.number(), z.string().trim()]).transform((value, ctx) => {
    if (!/^\d+$/.test(String(value)) || BigInt(value) < BigInt(min)) {
      ctx.addIssue({ code: "custom", message: `must be a whole number of at least ${min}` });
      return z.NEVER;
    }
    return BigInt(value);
  });
const list = (separator: RegExp) =>
  z
    .union([z.array(z.string()), z.string()])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(separator))
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    );
const yesNo = z.union([
  z.boolean(),
  z.enum(["true", "false", "yes", "no"]).transform((v) => v === "true" || v === "yes"),
]);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const metadataShape = listingMetadata.shape;
/** `name=value|name=value` in a CSV cell, or an object in JSON/YAML: the pairs, in order. */
const namedValues = z
  .union([z.record(z.string(), z.union([z.string(), z.number()])), z.string()])
  .default({})
  .transform((value): [string, string][] =>
    typeof value === "string"
      ? value
          .split("|")
          .filter((pair) => pair.trim())
          .map((pair) => {
            const [name, ...rest] = pair.split("=");
            return [name.trim(), rest.join("=").trim()];
          })
      : Object.entries(value).map(([name, v]) => [name, String(v)]),
  );
const imageList = list(/\|/).pipe(z.array(z.string()).min(1, "must name at least one image file").max(12));

export const draftInput = z.strictObject({
  sku: wholeNumber(1),
  version: z.union([wholeNumber(1), z.literal("").transform(() => undefined)]).optional(),
  title: metadataShape.title,
  description: metadataShape.description.default(""),
  category: list(/\s*>\s*/).pipe(metadataShape.categoryPath),
  attributes: namedValues
    .transform((pairs) => pairs.map(([name, value]) => ({ name, value })))
    .pipe(metadataShape.attributes),
  images: imageList,
  image_alt: optionalText,
  price: z.union([z.string(), z.number()]).transform(String),
  token: z.string().trim().default("native"),
  quantity: wholeNumber(1),
  max_per_buyer: wholeNumber(0).default(0n),
  shipping_regions: list(/[\s|,]+/).pipe(metadataShape.shippingRegions),
  /** Per destination, the shipping charge per order in the payment token (GB=4.5|FI=3); others ship free. */
  shipping_costs: namedValues,
  returns_accepted: yesNo.default(true),
  return_days: wholeNumber(0).pipe(z.bigint().max(365n, "must be at most 365 days")).default(30n),
  buyer_pays_return: yesNo.default(true),
  valid_days: wholeNumber(1).default(365n),
});
export type DraftInput = z.input<typeof draftInput>;

/** A validated product, ready to upload, sign and publish. */
export interface Draft {
  /** Where it came from, for messages: "line 7" or "listings.2". */
  where: string;
  sku: bigint;
  version: bigint;
  token: Address;
  price: bigint;
  quantity: bigint;
  /** Units one buyer may hold; 0n for no limit. */
  maxPerBuyer: bigint;
  validDays: bigint;
  images: { path: string; alt: string }[];
  metadata: Omit<ListingMetadata, "images">;
}

/** A problem with one product: where it is, which field, which rule. */
export interface DraftProblem {
  where: string;
  field: string;
  rule: string;
}

/** Every problem found in a listings file; nothing was uploaded or published. */
export class ListingInputError extends ValidationError {
  readonly problems: readonly DraftProblem[];

  constructor(source: string, problems: readonly DraftProblem[]) {
    const problemLines = problems.map((p) => `  ${p.where}: ${p.field}: ${p.rule}`).join("\n");
    super(
      source,
      `${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing was published:\n${problemLines}`,
    );
    this.problems = problems;
  }
}

/**
 * Validates every product of a file against the input rules, the listing metadata schema, the image
 * files and the chain (merchant approved, token allowed, decimals, versions, duplicate SKUs), and
 * reports all problems at once. `baseDir` resolves relative image paths.
 */
export async function validateDrafts(
  ctx: Context,
  source: string,
  rows: { where: string; value: unknown }[],
  baseDir: string,
): Promise<Draft[]> {
  const problems: DraftProblem[] = [];
  const chain = await ctx.chain();
  const reader = await ctx.reader();
  const { merchant } = await ctx.identity();
  const record = await reader.merchant(merchant);
  if (record.status !== "Approved") {
    throw new ValidationError(
      "merchant",
      `${merchant} is ${record.status}, not Approved: listings can be published only once a registrar approves it`,
    );
  }
  const currencies = new Map<string, Awaited<ReturnType<typeof currencyOf>>>();
  const seen = new Map<bigint, string>();
  const drafts: Draft[] = [];
  for (const { where, value } of rows) {
    const problem = (field: string, rule: string) => problems.push({ where, field, rule });
    const before = problems.length;
    const parsed = draftInput.safeParse(value, {
      error: (issue) => (issue.input === undefined ? "is required" : undefined),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problem(
          issue.path.join(".") || "(row)",
          issue.code === "unrecognized_keys"
            ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`
            : issue.message,
        );
      }
    }
    // Images and price are checked from the raw fields too, so one pass reports every problem of a row.
    const raw = (value ?? {}) as Record<string, unknown>;
    const files = imageList.safeParse(raw.images);
    for (const file of files.success ? files.data : []) {
      const rule = await imageProblem(resolve(baseDir, file));
      if (rule) problem("images", `${file} ${rule}`);
    }
    const payment = await pricing(String(raw.token ?? "native"), String(raw.price ?? ""));
    if (payment instanceof ValidationError) problem(payment.field, payment.message.slice(payment.field.length + 2));
    if (!parsed.success || payment instanceof ValidationError) continue;
    const input = parsed.data;
    if (seen.has(input.sku)) problem("sku", `${input.sku} is already used at ${seen.get(input.sku)}`);
    seen.set(input.sku, where);
    const current = await reader.currentListing(merchant, input.sku);
    const currentVersion = current?.listing.version ?? 0n;
    const version = input.version ?? currentVersion + 1n;
    if (version <= currentVersion) problem("version", `must be above the SKU's current version ${currentVersion}`);
    const shippingCosts: Record<string, string> = {};
    for (const [country, text] of input.shipping_costs) {
      const field = `shipping_costs.${country}`;
      if (!input.shipping_regions.includes(country)) problem(field, `${country} is not one of shipping_regions`);
      else {
        const cost = amountOrProblem(() => parseAmount(text, currencies.get(payment.token)!, field));
        if (cost instanceof ValidationError) problem(cost.field, cost.message.slice(cost.field.length + 2));
        else shippingCosts[country] = cost.toString();
      }
    }
    if (problems.length > before) continue;
    drafts.push({
      where,
      sku: input.sku,
      version,
      ...payment,
      quantity: input.quantity,
      maxPerBuyer: input.max_per_buyer,
      validDays: input.valid_days,
      images: input.images.map((file) => ({ path: resolve(baseDir, file), alt: input.image_alt ?? input.title })),
      metadata: {
        schema: "commerce-ledger/listing@1",
        title: input.title,
        description: input.description,
        categoryPath: input.category,
        attributes: input.attributes,
        shippingRegions: input.shipping_regions,
        ...(Object.keys(shippingCosts).length > 0 ? { shippingCosts } : {}),
        returnPolicy: {
          accepted: input.returns_accepted,
          windowDays: Number(input.return_days),
          buyerPaysReturnShipping: input.buyer_pays_return,
        },
      },
    });
  }

  /** An amount parsed by `parse`, or the ValidationError it threw. */
  function amountOrProblem(parse: () => bigint): bigint | ValidationError {
    try {
      return parse();
    } catch (error) {
      if (error instanceof ValidationError) return error;
      throw error;
    }
  }

  /** The payment token and the price in its units, or the problem with them. */
  async function pricing(
    tokenText: string,
    priceText: string,
  ): Promise<{ token: Address; price: bigint } | ValidationError> {
    try {
      const token = tokenText === "native" ? zeroAddress : parseAddress(tokenText, "token");
      if (token !== zeroAddress && !(await reader.tokenAllowed(token)))
        throw new ValidationError("token", `${token} is not allowed for payment on this deployment`);
      if (!currencies.has(token)) currencies.set(token, await currencyOf(chain.client, token));
      const price = parseAmount(priceText, currencies.get(token)!, "price");
      if (price === 0n) throw new ValidationError("price", "must be above zero");
      return { token, price };
    } catch (error) {
      if (error instanceof ValidationError) return error;
      throw error;
    }
  }
  if (problems.length > 0) throw new ListingInputError(source, problems);
  return drafts;
}

/** Why a local image cannot be used (as `storeImage` would refuse it), or undefined. */
export async function imageProblem(path: string): Promise<string | undefined> {
  if (!existsSync(path)) return "does not exist";
  const size = statSync(path).size;
  if (size > defaultImageLimits.maxBytes) return `is ${size} bytes, over the limit of ${defaultImageLimits.maxBytes}`;
  const bytes = readFileSync(path);
  const type = sniffMediaType(bytes.subarray(0, 512));
  if (!imageMediaType.safeParse(type).success) return `must be a JPEG, PNG or WebP image; it is ${type}`;
  try {
    await sharp(bytes, { failOn: "error" }).metadata();
    return undefined;
  } catch {
    return "is not a decodable image";
  }
}

export const relativeTo = (file: string) => dirname(userPath(file));
