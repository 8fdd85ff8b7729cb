import { Inject, Injectable } from "@nestjs/common";
import { eq, inArray } from "drizzle-orm";
import { escrowSettings, listingVersions, merchants, metadataDocuments } from "#indexer/store/schema.ts";
import { escrowDomain, NATIVE_TOKEN, NO_VOUCHER_DIGEST, orderIntentTypes } from "#sdk/eip712.ts";
import { ChainClock } from "../chain/chain-clock.service.ts";
import { DeploymentService } from "../chain/deployment.service.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { ValidationError } from "#sdk/errors.ts";
import { type ListingMetadata, orderShippingCost } from "#sdk/metadata/listing.ts";
import { isoFromSeconds } from "#sdk/time.ts";
import type { Hex } from "viem";
import { VouchersService } from "../vouchers/vouchers.service.ts";

export interface PrepareOrderInput {
  buyer: string;
  lines: { listingId: string; quantity: string }[];
  shippingCid: string;
  /** Destination country, ISO 3166-1 alpha-2. */
  shipTo: string;
  maxTotal?: string | null;
  /** When given, typed data of an OrderIntent the buyer signs for a relayer (ERC-20 only). */
  intent?: { nonce: string; deadline: number } | null;
  /** A voucher code the merchant published. */
  voucherCode?: string | null;
}

const MAX_LINES = 50;
const UINT96_MAX = 2n ** 96n - 1n;

const EIP712_DOMAIN = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];

/** Checks an order against the current listing rows and returns exactly what the wallet sends or signs. */
@Injectable()
export class PrepareOrderService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(DeploymentService) private readonly deployment: DeploymentService,
    @Inject(ChainClock) private readonly clock: ChainClock,
    @Inject(VouchersService) private readonly vouchers: VouchersService,
  ) {}

  async prepare(input: PrepareOrderInput) {
    if (input.lines.length === 0 || input.lines.length > MAX_LINES)
      throw new ValidationError("input.lines", `must have 1 to ${MAX_LINES} lines`);
    const db = this.database.db;
    const ids = input.lines.map((line) => line.listingId);
    if (new Set(ids).size !== ids.length) throw new ValidationError("input.lines", "must name each listing once");
    const [versions, [settings], now] = await Promise.all([
      db.select().from(listingVersions).where(inArray(listingVersions.id, ids)),
      db.select().from(escrowSettings).where(eq(escrowSettings.id, 1)),
      this.clock.now(),
    ]);
    if (settings?.paused) throw new ValidationError("input", "order placement is paused");
    const priced = input.lines.map((line, index) => {
      const field = `input.lines[${index}]`;
      const listing = versions.find((version) => version.id === line.listingId);
      if (!listing) throw new ValidationError(`${field}.listingId`, "no such listing");
      if (listing.status !== "Active")
        throw new ValidationError(`${field}.listingId`, `listing is ${listing.status}, order its current version`);
      if (now < listing.validFrom || now > listing.validUntil)
        throw new ValidationError(
          `${field}.listingId`,
          `listing is valid from ${isoFromSeconds(listing.validFrom)} to ${isoFromSeconds(listing.validUntil)}, ` +
            `not at the chain's time ${isoFromSeconds(now)}`,
        );
      const quantity = BigInt(line.quantity);
      if (quantity === 0n || quantity > UINT96_MAX)
        throw new ValidationError(`${field}.quantity`, "must be from 1 to 2^96-1");
      if (quantity > BigInt(listing.remaining))
        throw new ValidationError(`${field}.quantity`, `only ${listing.remaining} in stock`);
      // Only this order's quantity: the contract also counts what the buyer already holds of the listing.
      if (listing.maxPerBuyer !== "0" && quantity > BigInt(listing.maxPerBuyer))
        throw new ValidationError(`${field}.quantity`, `at most ${listing.maxPerBuyer} per buyer`);
      return { listing, quantity, unitPrice: BigInt(listing.price), subtotal: BigInt(listing.price) * quantity };
    });
    const [{ listing: first }] = priced;
    if (priced.some(({ listing }) => listing.merchant !== first.merchant))
      throw new ValidationError("input.lines", "must all be listings of one merchant");
    if (priced.some(({ listing }) => listing.token !== first.token))
      throw new ValidationError("input.lines", "must all be priced in one token");
    const [merchant] = await db.select().from(merchants).where(eq(merchants.address, first.merchant));
    if (merchant?.status !== "Approved")
      throw new ValidationError("input.lines", `merchant is ${merchant?.status ?? "unknown"}, not Approved`);
    if (priced.some(({ listing }) => listing.counter !== merchant.counter))
      throw new ValidationError("input.lines", "a listing was invalidated by its merchant (counter raised)");

    const shipping = await this.#shipping(
      priced.map(({ listing }) => listing.metadataCid),
      input.shipTo,
    );
    const subtotal = priced.reduce((sum, line) => sum + line.subtotal, 0n);
    const voucher = input.voucherCode
      ? await this.vouchers.redeemable({
          merchant: first.merchant,
          code: input.voucherCode,
          buyer: input.buyer,
          subtotal,
        })
      : undefined;
    const total = subtotal - (voucher?.discount ?? 0n) + shipping;
    const maxTotal = input.maxTotal ? BigInt(input.maxTotal) : total;
    if (maxTotal < total) throw new ValidationError("input.maxTotal", `must be at least the total ${total}`);
    const native = first.token === NATIVE_TOKEN;
    const request = {
      lines: priced.map(({ listing, quantity }) => ({ listingId: listing.id, quantity: quantity.toString() })),
      token: first.token,
      maxTotal: maxTotal.toString(),
      shippingCid: input.shippingCid,
      shipping: shipping.toString(),
    };
    const { contracts } = this.deployment.get();
    return {
      merchant: first.merchant,
      token: first.token,
      subtotal: subtotal.toString(),
      discount: (voucher?.discount ?? 0n).toString(),
      shipping: shipping.toString(),
      total: total.toString(),
      value: native ? total.toString() : "0",
      escrow: contracts.OrderEscrow.address.toLowerCase(),
      lines: priced.map(({ listing, quantity, unitPrice, subtotal }) => ({
        listingId: listing.id,
        quantity: quantity.toString(),
        unitPrice: unitPrice.toString(),
        subtotal: subtotal.toString(),
      })),
      request,
      voucher: voucher?.signed ?? null,
      typedData: input.intent ? this.#intent(input, request, voucher?.digest ?? NO_VOUCHER_DIGEST, native, now) : null,
    };
  }

  /**
   * The order's shipping charge to `country` from the listing documents the merchant signed: every one must ship
   * there; the highest rate is charged (one parcel).
   */
  async #shipping(metadataCids: string[], country: string): Promise<bigint> {
    if (!/^[A-Z]{2}$/.test(country))
      throw new ValidationError("input.shipTo", "must be an ISO 3166-1 alpha-2 country code such as DE");
    const rows = await this.database.db
      .select({ cid: metadataDocuments.cid, status: metadataDocuments.status, document: metadataDocuments.document })
      .from(metadataDocuments)
      .where(inArray(metadataDocuments.cid, metadataCids));
    const documents = metadataCids.map((cid, index) => {
      const row = rows.find((candidate) => candidate.cid === cid);
      if (row?.status !== "OK")
        throw new ValidationError(
          `input.lines[${index}].listingId`,
          "the listing's document (where it ships) is not resolved yet; try again shortly",
        );
      return row.document as Pick<ListingMetadata, "shippingRegions" | "shippingCosts">;
    });
    const shipping = orderShippingCost(documents, country);
    if ("unserved" in shipping) {
      const { shippingRegions } = documents[shipping.unserved];
      throw new ValidationError(
        "input.shipTo",
        `the merchant does not ship line ${shipping.unserved + 1} to ${country}; ` +
          `it ships to ${shippingRegions.join(", ")}`,
      );
    }
    return shipping.cost;
  }

  #intent(input: PrepareOrderInput, request: unknown, voucherDigest: Hex, native: boolean, now: number) {
    if (native)
      throw new ValidationError(
        "input.intent",
        "intents pay in an ERC-20; native-currency orders are placed by the buyer",
      );
    const intent = input.intent!;
    if (intent.deadline <= now)
      throw new ValidationError("input.intent.deadline", `must be after the chain's time ${isoFromSeconds(now)}`);
    const escrow = this.deployment.get().contracts.OrderEscrow.address;
    return {
      domain: escrowDomain(this.config.chainId, escrow),
      types: { EIP712Domain: EIP712_DOMAIN, ...orderIntentTypes },
      primaryType: "OrderIntent",
      message: {
        buyer: input.buyer,
        request,
        voucher: voucherDigest,
        nonce: intent.nonce,
        deadline: intent.deadline.toString(),
      },
    };
  }
}
