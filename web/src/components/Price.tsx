import { useStorefrontConfig } from "../lib/config/ConfigContext.tsx";
import { formatAmount, tokenOf } from "../lib/format.ts";

export function Price({ amount, token }: { amount: string | bigint; token: string }) {
  const { tokens } = useStorefrontConfig();
  return <span className="price">{formatAmount(amount, tokenOf(tokens, token))}</span>;
}
