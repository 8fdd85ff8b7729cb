import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Hex } from "viem";
import { Notice } from "../../components/Notice.tsx";
import { Price } from "../../components/Price.tsx";
import { Rating } from "../../components/Rating.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useCart } from "../../lib/cart/CartContext.tsx";
import { describeError } from "../../lib/errors/describe-error.ts";
import { shortAddress } from "../../lib/format.ts";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import { ListingTracedItems } from "../provenance/TracedItems.tsx";
import { LISTING_QUERY, type ListingDetail } from "./listing-queries.ts";
import { ProductGallery } from "./ProductGallery.tsx";
import { ShippingAndReturns } from "./ShippingAndReturns.tsx";

export function ProductPage() {
  const { id } = useParams() as { id: Hex };
  const { data, error } = useQuery<{ listing: ListingDetail }>(LISTING_QUERY, { id });
  const listing = data?.listing;
  usePageTitle(listing?.title ?? "Product");
  if (error)
    return (
      <Notice tone="error" title="This product could not be loaded">
        {describeError(error)}
      </Notice>
    );
  if (!listing)
    return (
      <p className="loading" role="status">
        Loading the product…
      </p>
    );
  return (
    <article className="page product">
      <ProductGallery media={listing.media} />
      <div className="product__summary">
        {listing.categoryPath.length > 0 && <p className="breadcrumbs">{listing.categoryPath.join(" › ")}</p>}
        <h1>{listing.title ?? "Untitled product"}</h1>
        <Rating average={listing.rating.average} count={listing.rating.count} />
        <p className="product__price">
          <Price amount={listing.price} token={listing.token} />
        </p>
        <AddToCart listing={listing} />
        {listing.description && <p className="product__description">{listing.description}</p>}
        {listing.attributes.length > 0 && (
          <>
            <h2>Details</h2>
            <dl className="attributes">
              {listing.attributes.map(({ name, value }) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        {listing.shipping && <ShippingAndReturns shipping={listing.shipping} token={listing.token} />}
        <MerchantProfile merchant={listing.merchant} />
        <ListingTracedItems listingId={listing.id} />
      </div>
      <Reviews reviews={listing.reviews} />
    </article>
  );
}

function AddToCart({ listing }: { listing: ListingDetail }) {
  const { add } = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const stock = Number(listing.stock);
  const orderable = listing.maxPerBuyer === null ? stock : Math.min(stock, Number(listing.maxPerBuyer));
  if (listing.status !== "Active")
    return <Notice tone="warning">This listing is {listing.status.toLowerCase()} and cannot be ordered.</Notice>;
  if (stock === 0) return <p className="stock stock--out">Sold out</p>;
  return (
    <form
      className="add-to-cart"
      onSubmit={(event) => {
        event.preventDefault();
        add({
          listingId: listing.id,
          merchant: listing.merchant.address,
          merchantName: listing.merchant.profile?.name ?? null,
          token: listing.token,
          title: listing.title ?? "Untitled product",
          unitPrice: listing.price,
          quantity,
          stock: orderable,
          thumbnailUrl: listing.media[0]?.thumbnail.url ?? null,
        });
        setAdded(true);
      }}
    >
      <p className={`stock ${stock < 5 ? "stock--low" : ""}`}>
        {stock < 5 ? `Only ${stock} left` : `${stock} in stock`}
      </p>
      {listing.maxPerBuyer !== null && <p className="stock-limit">Limit {listing.maxPerBuyer} per customer</p>}
      <label className="field field--inline">
        <span>Quantity</span>
        <input
          type="number"
          min={1}
          max={orderable}
          value={quantity}
          onChange={(event) => setQuantity(Math.max(1, Math.min(orderable, Number(event.target.value) || 1)))}
        />
      </label>
      <button type="submit" className="button--primary">
        Add to cart
      </button>
      {added && (
        <p role="status" className="add-to-cart__done">
          Added. <Link to="/cart">View your cart</Link>
        </p>
      )}
    </form>
  );
}

function MerchantProfile({ merchant }: { merchant: ListingDetail["merchant"] }) {
  return (
    <section className="merchant-profile" aria-labelledby="merchant-heading">
      <h2 id="merchant-heading">Sold by {merchant.profile?.name ?? shortAddress(merchant.address)}</h2>
      <p>
        <span className={`status status--${merchant.status.toLowerCase()}`}>
          {merchant.status === "Approved" ? "Approved consortium merchant" : merchant.status}
        </span>{" "}
        <Rating average={merchant.rating.average} count={merchant.rating.count} />
      </p>
      {merchant.profile?.description && <p>{merchant.profile.description}</p>}
      {merchant.profile?.website && (
        <p>
          <a href={merchant.profile.website} target="_blank" rel="noreferrer">
            {merchant.profile.website}
          </a>
        </p>
      )}
      <p className="muted">
        Account <code title={merchant.address}>{shortAddress(merchant.address)}</code>
      </p>
    </section>
  );
}

function Reviews({ reviews }: { reviews: ListingDetail["reviews"] }) {
  return (
    <section className="reviews" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      {reviews.length === 0 && <p>No reviews yet. Only buyers of a completed order can review.</p>}
      <ul>
        {reviews.map((review) => (
          <li key={review.orderId} className="review">
            <Rating average={review.rating} count={1} />
            {review.title && <h3>{review.title}</h3>}
            {review.text && <p>{review.text}</p>}
            <p className="muted">
              Verified purchase · order #{review.orderId} · buyer {shortAddress(review.buyer)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
