import { Command } from "commander";
import { decryptShippingDetails } from "../../sdk/crypto/shipping.ts";
import { parseDocument } from "../../sdk/metadata/parse.ts";
import { encryptedShippingDetails, type ShippingDetails } from "../../sdk/metadata/shipping.ts";
import { currencyOf, formatAmount } from "./lib/amounts.ts";
import { action } from "./lib/command.ts";
import { requireEncryptionKey } from "./lib/identity.ts";
import { parseOrderId } from "./lib/inputs.ts";
import { orderLine } from "./lib/order-format.ts";

export const ordersShowCommand = new Command("show")
  .description("one order with its terms, deadline and the buyer's shipping details, decrypted locally")
  .argument("<orderId>", "order number")
  .action(
    action(async (ctx, idText: string) => {
      const order = await (await ctx.browse()).order(parseOrderId(idText));
      const { client } = await ctx.chain();
      const document = parseDocument(
        encryptedShippingDetails,
        await (await ctx.ipfs()).cat(order.shippingCid),
        `shipping details ${order.shippingCid}`,
      );
      const shipping = decryptShippingDetails(requireEncryptionKey(await ctx.identity()).secretKey, document);
      const charge = formatAmount(order.shipping, await currencyOf(client, order.terms.token));
      return {
        data: { ...order, shippingCharge: order.shipping, shipping },
        text: [
          await orderLine(client, order),
          `ship by   ${new Date(order.shipBy * 1000).toISOString()}`,
          `deadline  ${order.deadline ? new Date(order.deadline * 1000).toISOString() : "-"}`,
          ...order.terms.lines.map((line) => `line      ${line.quantity}× ${line.listingId}`),
          `ship to   ${address(shipping)}`,
          `shipping  ${charge} charged: reject the order (a full refund) if it is not your rate to ${shipping.country}`,
        ].join("\n"),
      };
    }),
  );

const address = (s: ShippingDetails) =>
  [s.recipient, ...s.addressLines, [s.postalCode, s.city].filter(Boolean).join(" "), s.region, s.country, s.phone]
    .filter(Boolean)
    .join(", ");
