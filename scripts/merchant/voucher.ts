import { Command } from "commander";
import { keccak256, toHex, zeroAddress, type Hex } from "viem";
import { escrowDomain, voucherTypes, type Voucher } from "../../sdk/eip712.ts";
import { ValidationError } from "../../sdk/errors.ts";
import { voucherFromJson } from "../../sdk/order-terms.ts";
import { currencyOf, parseAmount } from "./lib/amounts.ts";
import { action } from "./lib/command.ts";
import type { Context } from "./lib/context.ts";
import { GraphqlClient } from "./lib/graphql.ts";
import { parseAddress, parseCount } from "./lib/inputs.ts";

const DAY = 86_400;
const VOUCHER_FIELDS =
  "code merchant id buyer amountOff bpsOff minTotal expiry maxUses counter digest signature uses status";

interface CreateOptions {
  code: string;
  percent?: string;
  amount?: string;
  token?: string;
  minTotal?: string;
  uses: string;
  days: string;
  buyer?: string;
}

/** A GraphQL client signed in as the CLI's account: vouchers are the merchant's own business. */
async function signedInApi(ctx: Context): Promise<GraphqlClient> {
  const api = new GraphqlClient(ctx.config.API_URL, { timeoutMs: 10_000 });
  await api.signIn((await ctx.identity()).account);
  return api;
}

const create = new Command("create")
  .description("sign a voucher for the escrow and publish it under a code buyers type at checkout")
  .requiredOption("--code <code>", "what buyers type: 3 to 32 letters, digits or dashes")
  .option("--percent <n>", "percent off the subtotal (e.g. 10 or 12.5)")
  .option("--amount <amount>", "amount off, decimal in --token's currency")
  .option("--token <address>", "currency of --amount and --min-total (default: native currency)")
  .option("--min-total <amount>", "smallest subtotal it applies to")
  .option("--uses <n>", "how many orders may use it", "100")
  .option("--days <n>", "valid for this many days from now", "30")
  .option("--buyer <address>", "only this buyer may use it")
  .action(
    action(async (ctx, options: CreateOptions) => {
      if (Boolean(options.percent) === Boolean(options.amount))
        throw new ValidationError("options", "give exactly one of --percent and --amount");
      const chain = await ctx.chain();
      const currency = await currencyOf(
        chain.client,
        options.token ? parseAddress(options.token, "--token") : zeroAddress,
      );
      const bpsOff = options.percent ? percentToBps(options.percent) : 0;
      const { merchant } = await ctx.identity();
      const { counter } = await (await ctx.reader()).merchant(merchant);
      const now = Number((await chain.client.getBlock()).timestamp);
      const code = options.code.trim().toUpperCase();
      const voucher: Voucher = {
        merchant,
        id: keccak256(toHex(`${merchant}:${code}`)),
        buyer: options.buyer ? parseAddress(options.buyer, "--buyer") : zeroAddress,
        amountOff: options.amount ? parseAmount(options.amount, currency, "--amount") : 0n,
        bpsOff,
        minTotal: options.minTotal ? parseAmount(options.minTotal, currency, "--min-total") : 0n,
        expiry: now + Number(parseCount(options.days, "--days")) * DAY,
        maxUses: Number(parseCount(options.uses, "--uses")),
        counter,
      };
      const domain = escrowDomain(chain.chainId, chain.contract("OrderEscrow").address);
      const signature = await (await ctx.identity()).account.signTypedData({
        domain,
        types: voucherTypes,
        primaryType: "Voucher",
        message: voucher,
      });
      const { publishVoucher } = await (await signedInApi(ctx)).request<{ publishVoucher: Record<string, unknown> }>(
        `mutation($input: PublishVoucherInput!) { publishVoucher(input: $input) { ${VOUCHER_FIELDS} } }`,
        { input: { code, voucher: asInput(voucher), signature } },
      );
      return { data: publishVoucher, text: `voucher ${code} published (${describe(voucher)})` };
    }),
  );

const list = new Command("list").description("the merchant's vouchers, with their uses and status").action(
  action(async (ctx) => {
    const { myVouchers } = await (await signedInApi(ctx)).request<{ myVouchers: Record<string, unknown>[] }>(
      `{ myVouchers { ${VOUCHER_FIELDS} } }`,
    );
    const text = myVouchers.map((v) => `${v.code}  ${v.status}  ${v.uses}/${v.maxUses} used`).join("\n");
    return { data: myVouchers, text: text || "no vouchers" };
  }),
);

const revoke = new Command("revoke")
  .description("revoke a voucher on chain: the escrow refuses it from the next block")
  .argument("<code>", "the voucher's code")
  .action(
    action(async (ctx, codeText: string) => {
      const code = codeText.trim().toUpperCase();
      const { myVouchers } = await (await signedInApi(ctx)).request<{ myVouchers: (VoucherJson & { code: string })[] }>(
        `{ myVouchers { ${VOUCHER_FIELDS} } }`,
      );
      const found = myVouchers.find((v) => v.code === code);
      if (!found) throw new ValidationError("code", `${code} is not one of your vouchers`);
      const receipt = await (await ctx.tx()).send({
        contract: "OrderEscrow",
        functionName: "revokeVoucher",
        args: [voucherFromJson(found)],
      });
      return { data: { code, digest: found.digest, tx: receipt.transactionHash }, text: `voucher ${code} revoked` };
    }),
  );

export const voucherCommand = new Command("voucher")
  .description("discount vouchers: create (sign and publish under a code), list, revoke")
  .addCommand(create)
  .addCommand(list)
  .addCommand(revoke);

type VoucherJson = Record<keyof Voucher, string | number> & { digest: Hex };

function percentToBps(text: string): number {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) <= 0 || Number(text) > 100)
    throw new ValidationError("--percent", `must be above 0 and at most 100, with at most two decimals, got "${text}"`);
  return Math.round(Number(text) * 100);
}

const asInput = (voucher: Voucher) => ({
  ...voucher,
  amountOff: voucher.amountOff.toString(),
  minTotal: voucher.minTotal.toString(),
  counter: voucher.counter.toString(),
});

const describe = (voucher: Voucher) =>
  `${voucher.bpsOff ? `${voucher.bpsOff / 100} % off` : `${voucher.amountOff} base units off`}, ` +
  `${voucher.maxUses} uses, until ${new Date(voucher.expiry * 1000).toISOString()}`;
