import { Link } from "react-router";
import { Price } from "../../components/Price.tsx";
import { Rating } from "../../components/Rating.tsx";
import type { ListingCardData } from "./listing-queries.ts";

export function ProductCard({ listing }: { listing: ListingCardData }) {
  const image = listing.media[0];
  const stock = Number(listing.stock);
  const title = listing.title ?? "Untitled product";
  return (
    <article className="product-card" data-testid="product-card">
      <div className="product-card__image">
        {image ? (
          <img
            src={image.thumbnail.url}
            alt={image.alt}
            width={image.thumbnail.width}
            height={image.thumbnail.height}
            loading="lazy"
          />
        ) : (
          <span className="product-card__no-image" aria-hidden="true">
            No image
          </span>
        )}
      </div>
      <h2 className="product-card__title">
        <Link to={`/listing/${listing.id}`}>{title}</Link>
      </h2>
      <p className="product-card__merchant">{listing.merchant.profile?.name ?? "Unnamed merchant"}</p>
      <p className="product-card__price">
        <Price amount={listing.price} token={listing.token} />
      </p>
      <p className={`stock ${stock === 0 ? "stock--out" : stock < 5 ? "stock--low" : ""}`}>
        {stock === 0 ? "Sold out" : stock < 5 ? `Only ${stock} left` : `${stock} in stock`}
      </p>
      <Rating average={listing.rating.average} count={listing.rating.count} />
    </article>
  );
}
