import { Inject, Injectable } from "@nestjs/common";
import { count, eq, inArray, or } from "drizzle-orm";
import { getAddress, hashTypedData, isAddressEqual, recoverTypedDataAddress, type Hex } from "viem";
import { apiVouchers, merchants, voucherRedemptions, voucherRevocations } from "#indexer/store/schema.ts";
import { escrowDomain, voucherTypes, type Voucher } from "#sdk/eip712.ts";
import { ValidationError } from "#sdk/errors.ts";
import { isoFromSeconds } from "#sdk/time.ts";
import type { Session } from "../auth/session-tokens.ts";
import { ChainClock } from "../chain/chain-clock.service.ts";
import { DeploymentService } from "../chain/deployment.service.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { ForbiddenError } from "../errors.ts";

/** A voucher as GraphQL takes it: the Voucher struct, integers as decimal strings. */
export interface VoucherInput {
  merchant: string;
  id: string;
  buyer: string;
  amountOff: string;
  bpsOff: number;
  minTotal: string;
  expiry: number;
  maxUses: number;
  counter: string;
}

type VoucherRow = typeof apiVouchers.$inferSelect;
const CODE = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
const ZERO = "0x0000000000000000000000000000000000000000";

/**
 * Vouchers under codes buyers type at checkout: merchants publish the ones they signed, prepareOrder turns a code
 * into the signed voucher the escrow redeems, refusing (by name) one the escrow would refuse.
 */
@Injectable()
export class VouchersService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(DeploymentService) private readonly deployment: DeploymentService,
    @Inject(ChainClock) private readonly clock: ChainClock,
  ) {}

  /** Stores a voucher signed by its merchant (or the merchant's signer), published by one of them. */
  async publish(session: Session, input: { code: string; voucher: VoucherInput; signature: string }) {
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code))
      throw new ValidationError("input.code", "must be 3 to 32 letters, digits or dashes, starting with one");
    const voucher = voucherOf(input.voucher);
    const merchant = await this.#merchant(voucher.merchant);
    if (!isOperator(merchant, session.address))
      throw new ForbiddenError(`${session.address} is neither merchant ${merchant.address} nor its signer`);
    await this.#checkTerms(voucher, merchant.counter);
    const typed = { domain: this.#domain(), types: voucherTypes, primaryType: "Voucher", message: voucher } as const;
    const signer = await recoverTypedDataAddress({ ...typed, signature: input.signature as Hex }).catch(() => null);
    if (!signer || !isOperator(merchant, signer))
      throw new ValidationError("input.signature", "is not the merchant's or its signer's signature of the voucher");
    const row: VoucherRow = {
      merchant: merchant.address,
      code,
      digest: hashTypedData(typed),
      voucher: input.voucher as unknown as VoucherRow["voucher"],
      signature: input.signature,
      createdAt: await this.clock.now(),
    };
    const inserted = await this.database.db.insert(apiVouchers).values(row).onConflictDoNothing().returning();
    if (inserted.length === 0) throw new ValidationError("input.code", `${code} is already one of your vouchers`);
    return (await this.#withState([row]))[0];
  }

  /** The vouchers of the merchant the session operates, newest first, with their uses and state. */
  async mine(session: Session) {
    const db = this.database.db;
    const [operated] = await db
      .select()
      .from(merchants)
      .where(or(eq(merchants.address, session.address), eq(merchants.signer, session.address)));
    if (!operated) return [];
    const rows = await db.select().from(apiVouchers).where(eq(apiVouchers.merchant, operated.address));
    return (await this.#withState(rows)).sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * The signed voucher under `code` for an order of `merchant`'s of `subtotal` by `buyer`, and its discount; a
   * voucher the escrow would refuse is refused here, naming why.
   */
  async redeemable(input: { merchant: string; code: string; buyer: string; subtotal: bigint }) {
    const field = "input.voucherCode";
    const code = input.code.trim().toUpperCase();
    const rows = await this.database.db.select().from(apiVouchers).where(eq(apiVouchers.code, code));
    const row = rows.find((candidate) => candidate.merchant === input.merchant.toLowerCase());
    if (!row)
      throw new ValidationError(field, rows.length ? `${code} is another merchant's voucher` : `no voucher ${code}`);
    const [state] = await this.#withState([row]);
    const voucher = voucherOf(state.voucher as unknown as VoucherInput);
    if (state.revoked) throw new ValidationError(field, `${code} was revoked by the merchant`);
    if (state.status === "Expired")
      throw new ValidationError(field, `${code} expired at ${isoFromSeconds(voucher.expiry)}`);
    if (state.status === "UsedUp") throw new ValidationError(field, `${code} is used up`);
    if (state.status === "Invalidated") throw new ValidationError(field, `${code} was withdrawn by the merchant`);
    if (voucher.buyer !== ZERO && !isAddressEqual(voucher.buyer, input.buyer as Hex))
      throw new ValidationError(field, `${code} is for another buyer`);
    if (input.subtotal < voucher.minTotal)
      throw new ValidationError(field, `${code} needs a subtotal of at least ${voucher.minTotal}`);
    const off = voucher.amountOff !== 0n ? voucher.amountOff : (input.subtotal * BigInt(voucher.bpsOff)) / 10_000n;
    const discount = off < input.subtotal ? off : input.subtotal;
    return { digest: row.digest as Hex, discount, signed: { voucher: row.voucher, signature: row.signature } };
  }

  async #withState(rows: VoucherRow[]) {
    if (rows.length === 0) return [];
    const db = this.database.db;
    const ids = rows.map((row) => String(row.voucher.id).toLowerCase());
    const [uses, revoked, now, operators] = await Promise.all([
      db
        .select({ voucherId: voucherRedemptions.voucherId, merchant: voucherRedemptions.merchant, uses: count() })
        .from(voucherRedemptions)
        .where(inArray(voucherRedemptions.voucherId, ids))
        .groupBy(voucherRedemptions.voucherId, voucherRedemptions.merchant),
      db
        .select({ digest: voucherRevocations.digest })
        .from(voucherRevocations)
        .where(
          inArray(
            voucherRevocations.digest,
            rows.map((row) => row.digest),
          ),
        ),
      this.clock.now(),
      db
        .select()
        .from(merchants)
        .where(inArray(merchants.address, [...new Set(rows.map((row) => row.merchant))])),
    ]);
    return rows.map((row) => {
      const voucher = voucherOf(row.voucher as unknown as VoucherInput);
      const used =
        uses.find((use) => use.voucherId === voucher.id.toLowerCase() && use.merchant === row.merchant)?.uses ?? 0;
      const isRevoked = revoked.some((entry) => entry.digest === row.digest);
      const counter = operators.find((merchant) => merchant.address === row.merchant)?.counter;
      const status = isRevoked
        ? "Revoked"
        : counter !== undefined && BigInt(counter) !== voucher.counter
          ? "Invalidated"
          : voucher.expiry < now
            ? "Expired"
            : used >= voucher.maxUses
              ? "UsedUp"
              : "Active";
      return { ...row, ...row.voucher, uses: used, revoked: isRevoked, status };
    });
  }

  async #merchant(address: string) {
    const [merchant] = await this.database.db
      .select()
      .from(merchants)
      .where(eq(merchants.address, address.toLowerCase()));
    if (!merchant) throw new ValidationError("input.voucher.merchant", `${address} is not a merchant`);
    return merchant;
  }

  async #checkTerms(voucher: Voucher, counter: string) {
    if ((voucher.amountOff === 0n) === (voucher.bpsOff === 0))
      throw new ValidationError("input.voucher", "must take off either an amount or a percentage, not both");
    if (voucher.bpsOff > 10_000) throw new ValidationError("input.voucher.bpsOff", "must be at most 10000 (100 %)");
    if (voucher.maxUses < 1) throw new ValidationError("input.voucher.maxUses", "must be at least 1");
    if (voucher.expiry <= (await this.clock.now()))
      throw new ValidationError("input.voucher.expiry", "must be after the chain's time");
    if (voucher.counter !== BigInt(counter))
      throw new ValidationError("input.voucher.counter", `must be the merchant's current counter ${counter}`);
  }

  #domain() {
    return escrowDomain(this.config.chainId, this.deployment.get().contracts.OrderEscrow.address);
  }
}

const isOperator = (merchant: { address: string; signer: string | null }, account: string) =>
  merchant.address === account.toLowerCase() || merchant.signer === account.toLowerCase();

function voucherOf(input: VoucherInput): Voucher {
  return {
    merchant: getAddress(input.merchant),
    id: input.id as Hex,
    buyer: getAddress(input.buyer),
    amountOff: BigInt(input.amountOff),
    bpsOff: Number(input.bpsOff),
    minTotal: BigInt(input.minTotal),
    expiry: Number(input.expiry),
    maxUses: Number(input.maxUses),
    counter: BigInt(input.counter),
  };
}
