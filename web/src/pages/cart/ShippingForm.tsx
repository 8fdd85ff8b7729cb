import { useState, type FormEvent } from "react";
import type { ShippingDetails } from "../../lib/checkout/seal-shipping.ts";

const EMPTY = { recipient: "", line1: "", line2: "", city: "", region: "", postalCode: "", country: "", phone: "" };
type Fields = typeof EMPTY;

/**
 * The address form; `toShippingDetails` gives the sdk's ShippingDetails shape (validated again by the sdk
 * before sealing).
 */
export function ShippingForm({
  disabled,
  submitLabel,
  onSubmit,
}: {
  disabled: boolean;
  submitLabel: string;
  onSubmit(details: ShippingDetails): void;
}) {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const set = (name: keyof Fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [name]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(toShippingDetails(fields));
  };
  return (
    <form className="shipping-form" onSubmit={submit}>
      <fieldset disabled={disabled}>
        <legend>Shipping address</legend>
        <p className="muted">
          Encrypted in this browser for the merchant's key before it leaves your device; the ledger stores only the
          sealed document's CID.
        </p>
        <Field label="Full name" value={fields.recipient} onChange={set("recipient")} autoComplete="name" required />
        <Field
          label="Address line 1"
          value={fields.line1}
          onChange={set("line1")}
          autoComplete="address-line1"
          required
        />
        <Field
          label="Address line 2 (optional)"
          value={fields.line2}
          onChange={set("line2")}
          autoComplete="address-line2"
        />
        <div className="field-row">
          <Field
            label="Postal code"
            value={fields.postalCode}
            onChange={set("postalCode")}
            autoComplete="postal-code"
            required
          />
          <Field label="City" value={fields.city} onChange={set("city")} autoComplete="address-level2" required />
        </div>
        <div className="field-row">
          <Field
            label="Region (optional)"
            value={fields.region}
            onChange={set("region")}
            autoComplete="address-level1"
          />
          <Field
            label="Country code (e.g. DE)"
            value={fields.country}
            onChange={set("country")}
            autoComplete="country"
            required
            pattern="[A-Za-z]{2}"
            maxLength={2}
          />
        </div>
        <Field label="Phone (optional)" value={fields.phone} onChange={set("phone")} autoComplete="tel" type="tel" />
        <button type="submit" className="button--primary">
          {submitLabel}
        </button>
      </fieldset>
    </form>
  );
}

export function toShippingDetails(fields: Fields): ShippingDetails {
  const optional = (value: string) => value.trim() || undefined;
  return {
    recipient: fields.recipient.trim(),
    addressLines: [fields.line1, fields.line2].map((line) => line.trim()).filter(Boolean),
    city: fields.city.trim(),
    region: optional(fields.region),
    postalCode: fields.postalCode.trim(),
    country: fields.country.trim().toUpperCase(),
    phone: optional(fields.phone),
  };
}

function Field({ label, ...input }: { label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...input} />
    </label>
  );
}
