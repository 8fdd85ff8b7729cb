import { and, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { provenanceEventItems, provenanceEvents, provenanceItems } from "#indexer/store/schema.ts";
import { ValidationError } from "#sdk/errors.ts";
import type { Db } from "../database.ts";
import { BIZ, DISP } from "#sdk/epcis.ts";

export type EventKind = "record" | "correction" | "transformation";
export type ItemRole = "subject" | "input" | "output";
/** One EPC as written, or every EPC that starts with `prefix` (the fixed fields of an EPC pattern). */
export type EpcMatch = { epc: string } | { prefix: string };

/** The event names an item, in one of `roles` (any role when absent), that is one of `ids` or matches `epcs`. */
export interface ItemMatch {
  roles?: ItemRole[];
  ids?: string[];
  epcs?: EpcMatch[];
}

/** Unix seconds, `from` inclusive, `to` exclusive. */
export interface TimeRange {
  from?: number;
  to?: number;
}

/** What auditors filter recorded events by; every given field must hold, any of a field's values may. */
export interface EventFilter {
  kinds?: EventKind[];
  bizSteps?: string[];
  dispositions?: string[];
  locations?: string[];
  recorders?: string[];
  items?: ItemMatch[];
  /** The EPCIS eventTime: the time the recorder stated, else the block's. */
  eventTime?: TimeRange;
  /** The block's time. */
  recordTime?: TimeRange;
}

/** The conditions of `filter` on provenance_events, each served by one of its indexes. */
export function eventConditions(db: Db, filter: EventFilter): SQL | undefined {
  const events = provenanceEvents;
  const conditions: (SQL | undefined)[] = [];
  if (filter.kinds) conditions.push(inArray(events.kind, filter.kinds));
  if (filter.bizSteps) {
    const steps = vocabulary(filter.bizSteps, BIZ);
    // A transformation's bizStep is not recorded: its EPCIS event says `transforming`.
    const transformations = steps.includes(`${BIZ}transforming`) ? eq(events.kind, "transformation") : undefined;
    conditions.push(or(inArray(events.bizStep, steps), transformations));
  }
  if (filter.dispositions) conditions.push(inArray(events.disposition, vocabulary(filter.dispositions, DISP)));
  if (filter.locations) conditions.push(inArray(events.location, filter.locations));
  if (filter.recorders) conditions.push(inArray(events.recorder, filter.recorders));
  for (const match of filter.items ?? []) conditions.push(inArray(events.id, eventsNaming(db, match)));
  conditions.push(...range(sql`coalesce(${events.eventTime}, ${events.recordedAt})`, filter.eventTime));
  conditions.push(...range(sql`${events.recordedAt}`, filter.recordTime));
  return and(...conditions);
}

function range(column: SQL, time: TimeRange | undefined): SQL[] {
  return [
    ...(time?.from === undefined ? [] : [gte(column, time.from)]),
    ...(time?.to === undefined ? [] : [lt(column, time.to)]),
  ];
}

/** Ids of the events that name an item `match` accepts. */
function eventsNaming(db: Db, match: ItemMatch) {
  const links = provenanceEventItems;
  const byEpc = match.epcs
    ? inArray(links.itemId, db.select({ id: provenanceItems.id }).from(provenanceItems).where(epcsMatch(match.epcs)))
    : undefined;
  return db
    .select({ id: links.eventId })
    .from(links)
    .where(
      and(
        match.roles ? inArray(links.role, match.roles) : undefined,
        or(match.ids ? inArray(links.itemId, match.ids) : undefined, byEpc),
      ),
    );
}

/** Items whose EPC matches one of `epcs` (an EPC prefix is a range of the epc index). */
export function epcsMatch(epcs: EpcMatch[]): SQL | undefined {
  return or(
    ...epcs.map((match) =>
      "epc" in match
        ? eq(provenanceItems.epc, match.epc)
        : like(provenanceItems.epc, `${match.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    ),
  );
}

/** Each value as given and in its other CBV form: `shipping` and `urn:epcglobal:cbv:bizstep:shipping`. */
function vocabulary(values: string[], prefix: string): string[] {
  return [
    ...new Set(
      values.flatMap((value) => {
        if (value.startsWith(prefix)) return [value, value.slice(prefix.length)];
        return value.includes(":") ? [value] : [value, prefix + value];
      }),
    ),
  ];
}

const PATTERN_EXAMPLE = "urn:epc:idpat:sgtin:0614141.107346.*";

/**
 * An EPC or EPC pattern as an EpcMatch: `urn:epc:idpat:sgtin:0614141.107346.*` is every EPC starting
 * `urn:epc:id:sgtin:0614141.107346.`; a pattern without `*` is that one EPC; anything else is an EPC as written.
 */
export function epcMatch(value: string, field: string): EpcMatch {
  if (value === "") throw new ValidationError(field, "must not be empty");
  const pattern = /^urn:epc:idpat:([A-Za-z0-9-]+):(.+)$/.exec(value);
  if (!pattern) return { epc: value };
  const fields = pattern[2].split(".");
  const wild = fields.indexOf("*");
  if (wild === -1) return { epc: `urn:epc:id:${pattern[1]}:${pattern[2]}` };
  if (fields.slice(wild).some((part) => part !== "*") || fields.slice(0, wild).some((part) => /^$|\*/.test(part)))
    throw new ValidationError(field, `an EPC pattern's * fields must all come last, e.g. ${PATTERN_EXAMPLE}`);
  return {
    prefix: `urn:epc:id:${pattern[1]}:${fields
      .slice(0, wild)
      .map((part) => `${part}.`)
      .join("")}`,
  };
}

/** An EPC class: an EPC pattern (`urn:epc:idpat:…`), which matches the EPCs of that class. */
export function epcClassMatch(value: string, field: string): EpcMatch {
  if (!value.startsWith("urn:epc:idpat:"))
    throw new ValidationError(field, `must be an EPC pattern naming a class, e.g. ${PATTERN_EXAMPLE}`);
  return epcMatch(value, field);
}
