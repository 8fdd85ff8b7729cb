import { useState, type FormEvent } from "react";
import { review as reviewSchema } from "../../../../sdk/metadata/review.ts";
import { parseDocument } from "../../../../sdk/metadata/parse.ts";
import { Notice } from "../../components/Notice.tsx";
import { useAsyncAction } from "../../components/useAsyncAction.ts";
import { addJsonToIpfs } from "../../lib/ipfs.ts";
import { postReview, type Actor } from "../../lib/orders/order-actions.ts";
import type { Order } from "../../lib/orders/order-queries.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";

/** A verified-purchase review: the text as a review@1 document on IPFS, the rating and its CID on chain. */
export function ReviewForm({ actor, order, onDone }: { actor: Actor; order: Order; onDone(): void }) {
  const [rating, setRating] = useState(0);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const { busy, error, run } = useAsyncAction();
  const token = useSession().session?.token;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const posted = await run("review", async () => {
      const document = parseDocument(
        reviewSchema,
        {
          schema: "commerce-ledger/review@1",
          orderId: order.id,
          rating,
          title: title.trim() || undefined,
          body: body.trim(),
          images: [],
        },
        "review",
      );
      await postReview(actor, order, rating, await addJsonToIpfs(document, "review.json", token));
    });
    if (posted) onDone();
  };
  return (
    <form className="review-form" onSubmit={submit}>
      <fieldset disabled={Boolean(busy)}>
        <legend>Review your purchase</legend>
        <fieldset className="stars-input">
          <legend>Rating</legend>
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="rating"
                value={value}
                required
                checked={rating === value}
                onChange={() => setRating(value)}
              />
              <span>
                {value} {value === 1 ? "star" : "stars"}
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Title (optional)</span>
          <input maxLength={140} value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label className="field">
          <span>Your review</span>
          <textarea required maxLength={5000} rows={4} value={body} onChange={(event) => setBody(event.target.value)} />
        </label>
        <button type="submit" className="button--primary">
          {busy ? "Posting…" : "Post review"}
        </button>
      </fieldset>
      {error && <Notice tone="error">{error}</Notice>}
    </form>
  );
}
