import type { Hex } from "viem";
import { formatDate } from "../../lib/format.ts";
import { ItemLink } from "./ItemLink.tsx";
import { LedgerRef } from "./LedgerRef.tsx";
import type { TraceItem } from "./provenance-queries.ts";
import type { TimelineEntry } from "./timeline.ts";

/** The item's steps in chain order; a corrected event shows its corrections beside it. */
export function TraceTimeline({ entries, items }: { entries: TimelineEntry[]; items: ReadonlyMap<Hex, TraceItem> }) {
  return (
    <ol className="trace-timeline" data-testid="provenance-timeline">
      {entries.map((entry) => (
        <li
          key={entry.key}
          className={entry.corrections.length > 0 ? "trace-step trace-step--corrected" : "trace-step"}
          data-testid="timeline-entry"
        >
          <Step
            entry={entry}
            items={items}
            label={entry.corrections.length > 0 ? "As first recorded (corrected)" : undefined}
          />
          {entry.corrections.length > 0 && (
            <div className="trace-step__corrections" data-testid="timeline-correction">
              {entry.corrections.map((correction, index) => (
                <Step
                  key={correction.key}
                  entry={correction}
                  items={items}
                  label={index === entry.corrections.length - 1 ? "Correction in force" : "Earlier correction"}
                />
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function Step({ entry, items, label }: { entry: TimelineEntry; items: ReadonlyMap<Hex, TraceItem>; label?: string }) {
  return (
    <div className="trace-step__body">
      {label && <p className="trace-step__label">{label}</p>}
      <p className="trace-step__title">{entry.title}</p>
      {entry.via && (
        <p className="muted">
          While packed in <ItemLink id={entry.via} items={items} />
        </p>
      )}
      {entry.details.map((line) => (
        <p key={line} className="trace-step__detail">
          {line}
        </p>
      ))}
      {entry.eventTime && (
        <p className="trace-step__detail">
          Happened <time dateTime={entry.eventTime}>{formatDate(entry.eventTime)}</time> (as stated by the recorder)
        </p>
      )}
      <LedgerRef
        actor={entry.actor}
        actorLabel="by"
        at={entry.recordedAt}
        blockNumber={entry.blockNumber}
        txHash={entry.txHash}
      />
      {entry.evidenceUrl && (
        <a href={entry.evidenceUrl} target="_blank" rel="noreferrer">
          Evidence<span className="visually-hidden"> for “{entry.title}”</span> (IPFS)
        </a>
      )}
    </div>
  );
}
