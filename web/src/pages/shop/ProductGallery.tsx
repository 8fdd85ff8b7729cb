import { useState } from "react";
import type { ListingDetail } from "./listing-queries.ts";

/** The selected image large, every image as a thumbnail button below it. */
export function ProductGallery({ media }: { media: ListingDetail["media"] }) {
  const [selected, setSelected] = useState(0);
  const image = media[selected];
  if (!image)
    return (
      <div className="gallery gallery--empty" aria-hidden="true">
        No image
      </div>
    );
  return (
    <div className="gallery">
      <img className="gallery__main" src={image.url} alt={image.alt} width={image.width} height={image.height} />
      {media.length > 1 && (
        <ul className="gallery__thumbs" aria-label="Images">
          {media.map((item, index) => (
            <li key={item.url}>
              <button
                type="button"
                aria-pressed={index === selected}
                aria-label={`Show image ${index + 1}: ${item.alt}`}
                onClick={() => setSelected(index)}
              >
                <img src={item.thumbnail.url} alt="" width={item.thumbnail.width} height={item.thumbnail.height} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
