import { useEffect, useState } from "react";
import { GraphqlError } from "../../lib/graphql/client.ts";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import { subscribe } from "../../lib/graphql/subscribe.ts";
import { ORDER_QUERY, ORDER_UPDATED, type Order } from "../../lib/orders/order-queries.ts";

/**
 * An order placed a moment ago is on chain before the index has it (checkout links to it from the receipt): "not
 * found" is asked again this often, this many times, before it stands.
 */
const NOT_YET_INDEXED_RETRY_MS = 1_000;
const NOT_YET_INDEXED_TRIES = 30;

/**
 * The order as the API has it, then every update pushed by the `orderUpdated` subscription (SSE), which starts once
 * the index has the order. `waiting` while an order not found yet may still be indexing.
 */
export function useLiveOrder(id: string, token: string | null) {
  const query = useQuery<{ order: Order }>(ORDER_QUERY, { id }, { token, skip: !token });
  const [pushed, setPushed] = useState<Order>();
  const [live, setLive] = useState(false);
  const [error, setError] = useState<Error>();
  const [tries, setTries] = useState(0);
  const found = Boolean(query.data?.order);
  const notFound = query.error instanceof GraphqlError && query.error.code === "NOT_FOUND";
  const waiting = !found && notFound && tries < NOT_YET_INDEXED_TRIES;
  const { refetch } = query;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      setTries((count) => count + 1);
      refetch();
    }, NOT_YET_INDEXED_RETRY_MS);
    return () => clearTimeout(timer);
  }, [waiting, refetch]);
  useEffect(() => {
    if (!token || !found) return;
    setLive(true);
    return subscribe<{ orderUpdated: Order }>(ORDER_UPDATED, { id }, token, {
      next: ({ orderUpdated }) => setPushed(orderUpdated),
      error: (failure) => {
        setLive(false);
        setError(failure);
      },
    });
  }, [id, token, found]);
  return {
    order: pushed ?? query.data?.order,
    error: waiting ? undefined : (query.error ?? error),
    waiting,
    live,
    refetch,
  };
}
