import { Inject, Injectable } from "@nestjs/common";
import { requireSession } from "../auth/guard.ts";
import type { ApiContext } from "../common/context.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { VouchersService, type VoucherInput } from "./vouchers.service.ts";

const vouchersTypeDefs = /* GraphQL */ `
  type Query {
    "The vouchers of the merchant the signed-in account operates (merchant or its signer), newest first."
    myVouchers: [Voucher!]!
  }
  type Mutation {
    """
    Publishes a voucher its merchant (or the merchant's signer) signed for the escrow (EIP-712 Voucher), under a
    code buyers type at checkout. Signed-in merchant or signer only.
    """
    publishVoucher(input: PublishVoucherInput!): Voucher!
  }
  input PublishVoucherInput { code: String! voucher: VoucherInput! signature: String! }
  "OrderEscrow's Voucher struct as signed."
  input VoucherInput {
    merchant: Address!
    id: Bytes32!
    "The only buyer who may use it; the zero address for anyone."
    buyer: Address!
    amountOff: UInt256!
    bpsOff: Int!
    minTotal: UInt256!
    "Unix seconds, as signed."
    expiry: Int!
    maxUses: Int!
    counter: UInt256!
  }
  "Active, UsedUp, Expired, Revoked (on chain) or Invalidated (the merchant raised its counter)."
  enum VoucherStatus { Active UsedUp Expired Revoked Invalidated }
  type Voucher {
    code: String!
    merchant: Address!
    id: Bytes32!
    buyer: Address!
    amountOff: UInt256!
    bpsOff: Int!
    minTotal: UInt256!
    expiry: Int!
    maxUses: Int!
    counter: UInt256!
    "EIP-712 digest: what OrderEscrow counts uses by, and what revokeVoucher marks."
    digest: Bytes32!
    signature: String!
    "Orders placed with it so far."
    uses: Int!
    status: VoucherStatus!
  }
`;

const vouchersResolvers = (vouchers: VouchersService) => ({
  Query: {
    myVouchers: async (_: unknown, __: unknown, context: ApiContext) => vouchers.mine(await requireSession(context)),
  },
  Mutation: {
    publishVoucher: async (
      _: unknown,
      args: { input: { code: string; voucher: VoucherInput; signature: string } },
      context: ApiContext,
    ) => vouchers.publish(await requireSession(context), args.input),
  },
});

@GraphqlSchemaPart()
@Injectable()
export class VouchersResolver implements SchemaPart {
  readonly typeDefs = vouchersTypeDefs;
  readonly resolvers;

  constructor(@Inject(VouchersService) vouchers: VouchersService) {
    this.resolvers = vouchersResolvers(vouchers);
  }
}
