import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import type { Address, Hex } from "viem";
import { itemIdOf } from "../../../../sdk/item-id.ts";
import { LoadMore } from "../../components/LoadMore.tsx";
import { formatDate, shortAddress } from "../../lib/format.ts";
import { type Connection, useConnectionPages } from "../../lib/graphql/useConnectionPages.ts";
import { describeBizStep, describeDisposition, describeLocation } from "../provenance/vocabulary.ts";
import { type EventFilter, type FoundEvent, PROVENANCE_EVENTS_QUERY } from "./audit-queries.ts";

const FIELDS: { name: keyof EventFilter; label: string; placeholder: string; type?: string }[] = [
  { name: "bizStep", label: "Business step", placeholder: "shipping or urn:epcglobal:cbv:bizstep:shipping" },
  { name: "disposition", label: "Disposition", placeholder: "in_transit" },
  { name: "location", label: "Location", placeholder: "urn:epc:id:sgln:…" },
  { name: "party", label: "Recorded by", placeholder: "0x… account" },
  { name: "item", label: "Item", placeholder: "0x… item id or urn:epc:id:…" },
  { name: "epcClass", label: "EPC class", placeholder: "urn:epc:idpat:sgtin:0614141.107346.*" },
  { name: "from", label: "From", placeholder: "", type: "datetime-local" },
  { name: "to", label: "Before", placeholder: "", type: "datetime-local" },
];

/** The filter GraphQL takes from what the form holds: empty fields left out, an EPC turned into its item id. */
function filterOf(form: Record<keyof EventFilter, string>): EventFilter {
  const filter: EventFilter = {};
  for (const { name, type } of FIELDS) {
    const value = form[name].trim();
    if (!value) continue;
    if (type === "datetime-local") filter[name as "from" | "to"] = new Date(value).toISOString();
    else if (name === "item") filter.item = /^0x/i.test(value) ? (value as Hex) : itemIdOf(value);
    else if (name === "party") filter.party = value as Address;
    else filter[name as "bizStep"] = value;
  }
  return filter;
}

const EMPTY = Object.fromEntries(FIELDS.map(({ name }) => [name, ""])) as Record<keyof EventFilter, string>;

/** Events by business step, disposition, location, party, item, EPC class and time, page by page. */
export function EventQuery() {
  const [form, setForm] = useState(EMPTY);
  const [filter, setFilter] = useState<EventFilter>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(filterOf(form));
  };
  return (
    <section aria-labelledby="audit-events">
      <h2 id="audit-events">Events</h2>
      <form className="audit-query" onSubmit={submit} aria-label="Query provenance events">
        <div className="audit-query__fields">
          {FIELDS.map(({ name, label, placeholder, type }) => (
            <div className="field" key={name}>
              <label htmlFor={`audit-${name}`}>{label}</label>
              <input
                id={`audit-${name}`}
                type={type ?? "text"}
                value={form[name]}
                placeholder={placeholder}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => setForm({ ...form, [name]: event.target.value })}
              />
            </div>
          ))}
        </div>
        <button type="submit" className="button--primary">
          Find events
        </button>
      </form>
      <EventResults filter={filter} />
    </section>
  );
}

function EventResults({ filter }: { filter: EventFilter }) {
  const pages = useConnectionPages<{ provenanceEvents: Connection<FoundEvent> }, FoundEvent>(
    PROVENANCE_EVENTS_QUERY,
    { filter, first: 20 },
    { select: (data) => data.provenanceEvents },
  );
  if (pages.error) {
    return (
      <p role="alert" className="error-text">
        {pages.error.message}
      </p>
    );
  }
  if (!pages.loading && pages.nodes.length === 0) return <p className="muted">No event matches every filter.</p>;
  return (
    <>
      <table className="audit-events" aria-label="Matching events">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Step</th>
            <th scope="col">Disposition</th>
            <th scope="col">Location</th>
            <th scope="col">Items</th>
            <th scope="col">Recorded by</th>
            <th scope="col">Block</th>
          </tr>
        </thead>
        <tbody>
          {pages.nodes.map((event) => (
            <tr key={event.id} data-testid="audit-event">
              <td>{formatDate(event.eventTime ?? event.recordedAt)}</td>
              <td>
                {event.kind === "transformation" ? "Transformed" : event.bizStep && describeBizStep(event.bizStep)}
              </td>
              <td>{event.disposition && describeDisposition(event.disposition)}</td>
              <td>{event.location && describeLocation(event.location)}</td>
              <td>
                {[...event.itemIds, ...(event.outputIds ?? [])].map((id) => (
                  <Link key={id} to={`/provenance/${id}`} className="audit-events__item">
                    {shortAddress(id)}
                  </Link>
                ))}
              </td>
              <td>{shortAddress(event.recorder)}</td>
              <td>{event.blockNumber}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore pages={pages} />
    </>
  );
}
