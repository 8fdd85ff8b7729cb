/** Escrow credits per token of one account (GraphQL `account`), and for a merchant its funds per token. */
export const ACCOUNT_FUNDS_QUERY = /* GraphQL */ `
  query AccountFunds($address: Address!) {
    account(address: $address) {
      balances { token amount withdrawn }
      merchantFunds { token settled withdrawn held }
    }
  }
`;

export interface Balance {
  token: string;
  amount: string;
  withdrawn: string;
}

export interface MerchantFunds {
  token: string;
  settled: string;
  withdrawn: string;
  held: string;
}

export interface AccountFunds {
  account: { balances: Balance[]; merchantFunds: MerchantFunds[] };
}
