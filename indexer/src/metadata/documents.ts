import type { z } from "zod/v4";
import { listingMetadata } from "../../../sdk/metadata/listing.ts";
import { merchantProfile } from "../../../sdk/metadata/merchant-profile.ts";
import { provenanceEvidence } from "../../../sdk/metadata/provenance.ts";
import { review } from "../../../sdk/metadata/review.ts";
import { trackingDocument } from "../../../sdk/metadata/tracking.ts";

interface DocumentKind<S extends z.ZodType> {
  schema: S;
  /** The words full-text search finds the document by. */
  searchText: (document: z.output<S>) => string;
}

const kind = <S extends z.ZodType>(schema: S, searchText: (document: z.output<S>) => string): DocumentKind<S> => ({
  schema,
  searchText,
});

/** The documents events point to, by the kind handlers request them as. */
export const DOCUMENT_KINDS: Readonly<Record<string, DocumentKind<z.ZodType>>> = {
  listing: kind(listingMetadata, (d) =>
    [d.title, d.description, ...d.categoryPath, ...d.attributes.flatMap((a) => [a.name, a.value])].join(" "),
  ),
  "merchant-profile": kind(merchantProfile, (d) => [d.name, d.description ?? ""].join(" ")),
  review: kind(review, (d) => [d.title ?? "", d.body].join(" ")),
  "provenance-evidence": kind(provenanceEvidence, (d) => [d.step, d.description].join(" ")),
  // Not searchable: a parcel's number is for its buyer, not for the catalogue.
  tracking: kind(trackingDocument, () => ""),
};
