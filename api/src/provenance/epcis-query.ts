import { ValidationError } from "#sdk/errors.ts";
import { millisFromIso } from "#sdk/time.ts";
import { decodeKeyset } from "../common/keyset-cursor.ts";
import type { EventKey } from "./audit.service.ts";
import {
  epcClassMatch,
  epcMatch,
  type EventFilter,
  type EventKind,
  type ItemMatch,
  type ItemRole,
  type TimeRange,
} from "./event-filter.ts";

/** The EPCIS 2.0 query parameters of GET /epcis/events, as the service's filter and a keyset page. */
export interface EpcisQuery {
  filter: EventFilter;
  perPage: number;
  after: EventKey | null;
}

/** The standard's default page size (EPCIS 2.0 REST bindings, `perPage`). */
const DEFAULT_PER_PAGE = 30;
const RECORDED: EventKind[] = ["record", "correction"];
/** EPCIS event types and the ledger's events each covers: aggregations, custody and the like are not served here. */
const EVENT_TYPES: Record<string, EventKind[]> = {
  ObjectEvent: RECORDED,
  TransformationEvent: ["transformation"],
  AggregationEvent: [],
  TransactionEvent: [],
  AssociationEvent: [],
};
/** Recorded events are ObjectEvents with action OBSERVE; transformations have no action. */
const ACTIONS: Record<string, EventKind[]> = { OBSERVE: RECORDED, ADD: [], DELETE: [] };
/** EPC parameters and the role the item plays in the event (subject: epcList; input, output: a transformation's). */
const EPC_PARAMS: Record<string, { roles?: ItemRole[]; classes: boolean }> = {
  MATCH_epc: { roles: ["subject"], classes: false },
  MATCH_inputEPC: { roles: ["input"], classes: false },
  MATCH_outputEPC: { roles: ["output"], classes: false },
  MATCH_anyEPC: { classes: false },
  MATCH_epcClass: { roles: ["subject"], classes: true },
  MATCH_inputEPCClass: { roles: ["input"], classes: true },
  MATCH_outputEPCClass: { roles: ["output"], classes: true },
  MATCH_anyEPCClass: { classes: true },
};
const LIST_PARAMS = { EQ_bizStep: "bizSteps", EQ_disposition: "dispositions" } as const;
const LOCATION_PARAMS = ["EQ_bizLocation", "EQ_readPoint"];
const TIME_PARAMS = ["GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime"];
const PAGE_PARAMS = ["perPage", "nextPageToken"];

/** Every parameter GET /epcis/events understands. */
export const EPCIS_QUERY_PARAMETERS = [
  "eventType",
  "EQ_action",
  ...Object.keys(LIST_PARAMS),
  ...LOCATION_PARAMS,
  ...Object.keys(EPC_PARAMS),
  ...TIME_PARAMS,
  ...PAGE_PARAMS,
];

/**
 * Reads the query string (values comma-separated or repeated) into an EpcisQuery; a parameter this interface does
 * not know, or a value that breaks its rule, is a ValidationError naming the parameter (QueryParameterException).
 */
export function readEpcisQuery(query: Record<string, string | string[] | undefined>, maxPerPage: number): EpcisQuery {
  const filter: EventFilter = {};
  const items: ItemMatch[] = [];
  let kinds: EventKind[] | undefined;
  const narrow = (allowed: EventKind[]) => {
    kinds = kinds ? kinds.filter((kind) => allowed.includes(kind)) : allowed;
  };
  let perPage = Math.min(DEFAULT_PER_PAGE, maxPerPage);
  let after: EventKey | null = null;
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(","));
    if (values.some((value) => value === ""))
      throw new ValidationError(name, "must not be empty (separate several values with commas)");
    const single = () => {
      if (values.length !== 1) throw new ValidationError(name, "takes one value");
      return values[0];
    };
    if (name === "eventType" || name === "EQ_action") {
      const table = name === "eventType" ? EVENT_TYPES : ACTIONS;
      const unknown = values.find((value) => !(value in table));
      if (unknown !== undefined) throw new ValidationError(name, `must be one of ${Object.keys(table).join(", ")}`);
      narrow([...new Set(values.flatMap((value) => table[value]))]);
    } else if (name in LIST_PARAMS) {
      filter[LIST_PARAMS[name as keyof typeof LIST_PARAMS]] = values;
    } else if (LOCATION_PARAMS.includes(name)) {
      // The ledger records one location, shown as both the read point and the business location.
      filter.locations = filter.locations ? filter.locations.filter((id) => values.includes(id)) : values;
    } else if (name in EPC_PARAMS) {
      const { roles, classes } = EPC_PARAMS[name];
      items.push({ roles, epcs: values.map((value) => (classes ? epcClassMatch : epcMatch)(value, name)) });
    } else if (TIME_PARAMS.includes(name)) {
      const millis = millisFromIso(single());
      if (Number.isNaN(millis))
        throw new ValidationError(name, "must be an ISO 8601 date-time with a time zone, e.g. 2030-01-01T00:00:00Z");
      const range: TimeRange = (name.endsWith("eventTime") ? filter.eventTime : filter.recordTime) ?? {};
      // Times on the ledger are whole seconds: t >= 10.5 s and t < 10.5 s are t >= 11 s and t < 11 s.
      range[name.startsWith("GE_") ? "from" : "to"] = Math.ceil(millis / 1000);
      if (name.endsWith("eventTime")) filter.eventTime = range;
      else filter.recordTime = range;
    } else if (name === "perPage") {
      const text = single();
      perPage = /^[1-9][0-9]{0,5}$/.test(text) ? Number(text) : 0;
      if (perPage < 1 || perPage > maxPerPage)
        throw new ValidationError(name, `must be an integer from 1 to ${maxPerPage}`);
    } else if (name === "nextPageToken") {
      after = decodeKeyset(single(), "events", ["int", "uint"], name) as EventKey;
    } else {
      throw new ValidationError(
        name,
        `is not a query parameter of this interface (${EPCIS_QUERY_PARAMETERS.join(", ")})`,
      );
    }
  }
  if (items.length > 0) filter.items = items;
  if (kinds) filter.kinds = kinds;
  return { filter, perPage, after };
}
