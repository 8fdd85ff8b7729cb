import { parse } from "csv-parse/sync";
import { ValidationError } from "../../../sdk/errors.ts";
import { readDataFile, readText } from "./documents.ts";

export interface SourceRow {
  where: string;
  value: unknown;
}

/** Rows of a CSV file with a header line; each remembers its line number, empty cells count as absent. */
export function csvRows(path: string): SourceRow[] {
  const text = readText(path);
  try {
    const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    if (records.length === 0) throw new ValidationError(path, "has no product rows below its header line");
    return records.map(({ record, info }) => ({
      where: `line ${info.lines}`,
      value: Object.fromEntries(Object.entries(record).filter(([, cell]) => cell !== "")),
    }));
  } catch (cause) {
    if (cause instanceof ValidationError) throw cause;
    const line = (cause as { lines?: number }).lines;
    throw new ValidationError(line ? `${path} line ${line}` : path, `is not valid CSV: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** Products of a JSON or YAML file: one product, an array, or `{ listings: [...] }`. */
export function fileRows(path: string): SourceRow[] {
  const content = readDataFile(path);
  const items = Array.isArray(content)
    ? content
    : Array.isArray((content as { listings?: unknown })?.listings)
      ? (content as { listings: unknown[] }).listings
      : [content];
  const prefix = Array.isArray(content) ? "" : "listings.";
  return items.map((value, index) => ({
    where: items.length === 1 && !Array.isArray(content) ? path : `${prefix}${index}`,
    value,
  }));
}
