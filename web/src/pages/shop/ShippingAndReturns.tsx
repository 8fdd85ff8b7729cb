import { Price } from "../../components/Price.tsx";
import type { ListingShipping } from "../../lib/shipping/shipping.ts";

/** Where the product ships, what each destination costs per order, and its return policy. */
export function ShippingAndReturns({ shipping, token }: { shipping: ListingShipping; token: string }) {
  const { returnPolicy } = shipping;
  return (
    <section aria-labelledby="shipping-heading" className="shipping-returns">
      <h2 id="shipping-heading">Shipping and returns</h2>
      <table className="shipping-regions" data-testid="shipping-regions">
        <thead>
          <tr>
            <th scope="col">Ships to</th>
            <th scope="col">Shipping per order</th>
          </tr>
        </thead>
        <tbody>
          {shipping.regions.map(({ country, cost }) => (
            <tr key={country}>
              <td>{country}</td>
              <td>{cost === "0" ? "Free" : <Price amount={cost} token={token} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="return-policy">
        {returnPolicy.accepted
          ? `Returns accepted within ${returnPolicy.windowDays} days; ` +
            (returnPolicy.buyerPaysReturnShipping
              ? "you pay the return shipping."
              : "the merchant pays the return shipping.")
          : "This product cannot be returned."}
        {returnPolicy.notes && ` ${returnPolicy.notes}`}
      </p>
    </section>
  );
}
