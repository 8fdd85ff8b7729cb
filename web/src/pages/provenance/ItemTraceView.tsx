import { Link } from "react-router";
import type { Hex } from "viem";
import { Notice } from "../../components/Notice.tsx";
import { describeError } from "../../lib/errors/describe-error.ts";
import { formatDate } from "../../lib/format.ts";
import { GraphqlError } from "../../lib/graphql/client.ts";
import { custodyChain, handOffs } from "./custody.ts";
import { CustodyChain } from "./CustodyChain.tsx";
import { DigitalLinkCode } from "./DigitalLinkCode.tsx";
import { ExportButton } from "./ExportButton.tsx";
import { ItemGraphView } from "./ItemGraphView.tsx";
import { itemName } from "./ItemLink.tsx";
import { PartyNameContext, partyNamer } from "./parties.ts";
import { RecallButton } from "./RecallButton.tsx";
import { buildTimeline } from "./timeline.ts";
import { TraceTimeline } from "./TraceTimeline.tsx";
import { useItemTrace } from "./useItemTrace.ts";

export function ItemTraceView({ itemId }: { itemId: Hex }) {
  const { data, error } = useItemTrace(itemId);
  if (error instanceof GraphqlError && error.code === "NOT_FOUND") {
    return (
      <Notice tone="warning" title="No such item on the ledger">
        Check the id or EPC: nothing was registered under <code className="tx-hash">{itemId}</code>.
      </Notice>
    );
  }
  if (error)
    return (
      <Notice tone="error" title="This trace could not be loaded">
        {describeError(error)}
      </Notice>
    );
  if (!data)
    return (
      <p className="loading" role="status">
        Loading the trace…
      </p>
    );
  const { trace, graph, containers, items } = data;
  const { item } = trace;
  const name = (id: Hex) => itemName(id, items);
  const partyName = partyNamer([...trace.parties, ...containers.flatMap((container) => container.parties)]);
  const chain = handOffs(custodyChain(trace, containers));
  return (
    <PartyNameContext.Provider value={partyName}>
      <article className="trace" aria-labelledby="trace-title">
        <header className="trace__header">
          <h2 id="trace-title">{name(item.id)}</h2>
          <dl className="attributes">
            <div>
              <dt>EPC</dt>
              <dd>
                <code className="tx-hash" data-testid="item-epc">
                  {item.epc}
                </code>
              </dd>
            </div>
            <div>
              <dt>Item id</dt>
              <dd>
                <code className="tx-hash">{item.id}</code>
              </dd>
            </div>
            {item.listing && (
              <div>
                <dt>Product</dt>
                <dd>
                  <Link to={`/listing/${item.listing.id}`}>{item.listing.title ?? "Untitled product"}</Link>
                </dd>
              </div>
            )}
            <div>
              <dt>Status</dt>
              <dd>{item.status === "Consumed" ? "Consumed (made into other items)" : item.status}</dd>
            </div>
            <div>
              <dt>Registered</dt>
              <dd>
                <time dateTime={item.registeredAt}>{formatDate(item.registeredAt)}</time>, block {item.registeredBlock}
              </dd>
            </div>
          </dl>
          {item.digitalLink && <DigitalLinkCode link={item.digitalLink} />}
          <ExportButton itemId={item.id} fileName={`epcis-${item.epc.replace(/[^A-Za-z0-9.-]+/g, "_")}.jsonld`} />
          <RecallButton itemId={item.id} />
        </header>
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <TraceTimeline entries={buildTimeline(trace, containers, name, partyName)} items={items} />
        </section>
        <section aria-labelledby="custody-title">
          <h2 id="custody-title">Custody</h2>
          <CustodyChain handOffs={chain} items={items} registeredBy={item.registeredBy} custodian={item.custodian} />
        </section>
        <section aria-labelledby="graph-title">
          <h2 id="graph-title">Made from, made into, shipped in</h2>
          <ItemGraphView graph={graph} items={items} itemId={item.id} />
        </section>
      </article>
    </PartyNameContext.Provider>
  );
}
