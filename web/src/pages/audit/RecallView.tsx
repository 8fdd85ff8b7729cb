import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { Hex } from "viem";
import { graphqlRequest } from "../../lib/graphql/client.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";
import { RecallButton } from "../provenance/RecallButton.tsx";
import { describeEpc } from "../provenance/vocabulary.ts";
import { type Recall, type RecallEntry, RECALL_QUERY } from "./audit-queries.ts";
import { ItemField } from "../provenance/ItemField.tsx";

const REACHED: Record<RecallEntry["reachedBy"], string> = {
  recalled: "recalled",
  transformation: "made from",
  aggregation: "carried",
};

/** Everything downstream of a lot: items made from it, containers that carried them, orders and buyers reached. */
export function RecallView() {
  const { session } = useSession();
  const [itemId, setItemId] = useState<Hex>();
  const [recall, setRecall] = useState<Recall>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!itemId) return;
    setRecall(undefined);
    setError(undefined);
    // An answer for an item asked before this one (or before signing in) must not replace the current one.
    let current = true;
    graphqlRequest<{ recall: Recall }>(RECALL_QUERY, { itemId }, { token: session?.token }).then(
      (data) => current && setRecall(data.recall),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [itemId, session?.token]);
  return (
    <section aria-labelledby="audit-recall">
      <h2 id="audit-recall">Recall</h2>
      <ItemField id="recall-item" name="Recall an item" action="Recall" onItem={setItemId} />
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {recall && itemId && (
        <div className="audit-recall" data-testid="recall">
          <EntryList title="Items" entries={recall.items} />
          <EntryList title="Containers" entries={recall.containers} />
          <h3>Orders</h3>
          {recall.orders.length === 0 ? (
            <p className="muted">No order received any of them.</p>
          ) : (
            <ul>
              {recall.orders.map((order) => (
                <li key={order.id} data-testid="recall-order">
                  Order #{order.id} ({order.status}) from {order.merchant}
                  {order.buyer ? `, bought by ${order.buyer}` : ""}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">
            {recall.allBuyersShown
              ? "Every buyer is shown: you hold the auditor role."
              : "Buyers are shown only to auditors and to the merchant who sold the order, signed in."}
          </p>
          <RecallButton itemId={itemId} />
        </div>
      )}
    </section>
  );
}

function EntryList({ title, entries }: { title: string; entries: RecallEntry[] }) {
  return (
    <>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <li key={entry.item.id} data-testid="recall-entry">
              <Link to={`/provenance/${entry.item.id}`}>{describeEpc(entry.item.epc)}</Link> ({entry.item.epc},{" "}
              {entry.item.status}): {REACHED[entry.reachedBy]}
              {entry.from ? ` ${entry.from.slice(0, 10)}…` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
