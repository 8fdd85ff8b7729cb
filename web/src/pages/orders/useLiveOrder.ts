import { useEffect, useState } from "react";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import { subscribe } from "../../lib/graphql/subscribe.ts";
import { ORDER_QUERY, ORDER_UPDATED, type Order } from "../../lib/orders/order-queries.ts";

/** The order as the API has it, then every update pushed by the `orderUpdated` subscription (SSE). */
export function useLiveOrder(id: string, token: string | null) {
  const query = useQuery<{ order: Order }>(ORDER_QUERY, { id }, { token, skip: !token });
  const [pushed, setPushed] = useState<Order>();
  const [live, setLive] = useState(false);
  const [error, setError] = useState<Error>();
  useEffect(() => {
    if (!token) return;
    setLive(true);
    return subscribe<{ orderUpdated: Order }>(ORDER_UPDATED, { id }, token, {
      next: ({ orderUpdated }) => setPushed(orderUpdated),
      error: (failure) => {
        setLive(false);
        setError(failure);
      },
    });
  }, [id, token]);
  return { order: pushed ?? query.data?.order, error: query.error ?? error, live, refetch: query.refetch };
}
