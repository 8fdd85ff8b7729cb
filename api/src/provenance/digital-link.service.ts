import { Inject, Injectable } from "@nestjs/common";
import { asc, inArray } from "drizzle-orm";
import { provenanceItems } from "#indexer/store/schema.ts";
import { digitalLinkPath, type Gs1Key } from "#sdk/gs1/digital-link.ts";
import { epcCandidatesOf, gs1KeyOfEpc } from "#sdk/gs1/epc.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { NotFoundError } from "../errors.ts";
import type { ItemRow } from "./provenance.service.ts";

/** What a GS1 key names, as the 404 says it. */
function describe(key: Gs1Key): string {
  if (key.kind === "sscc") return `SSCC ${key.sscc}`;
  return key.kind === "lgtin" ? `GTIN ${key.gtin} lot ${key.lot}` : `GTIN ${key.gtin} serial ${key.serial}`;
}

/**
 * GS1 Digital Links of items, both ways. A GTIN or SSCC does not say how long its company prefix is, while an EPC
 * URI splits the key after it: a key is resolved by matching the EPC it would have for each prefix length (6–12
 * digits) against the EPCs items were registered with (indexed), the earliest registered winning.
 */
@Injectable()
export class DigitalLinkService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  /** The item registered with an EPC carrying `key`; NotFoundError when none is. */
  async itemOf(key: Gs1Key): Promise<ItemRow> {
    const [row] = await this.database.db
      .select()
      .from(provenanceItems)
      .where(inArray(provenanceItems.epc, epcCandidatesOf(key)))
      .orderBy(asc(provenanceItems.registeredBlock))
      .limit(1);
    if (!row) throw new NotFoundError("item with", describe(key));
    return row;
  }

  /** The Digital Link URI of an item's EPC on this API (`{PUBLIC_URL}/01/…`), or null when the EPC has no GS1 key. */
  linkOf(epc: string): string | null {
    const key = gs1KeyOfEpc(epc);
    return key && `${this.config.publicUrl}${digitalLinkPath(key)}`;
  }

  /** The storefront's trace page of an item. */
  tracePageOf(itemId: string): string {
    return `${this.config.publicUrl}/provenance/${itemId}`;
  }
}
