import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { itemIdOf } from "../../../../sdk/item-id.ts";

/** Finds a trace by item id (0x and 64 hex digits) or by the EPC URI printed on the item. */
export function ItemLookupForm({ initial = "" }: { initial?: string }) {
  const navigate = useNavigate();
  const [reference, setReference] = useState(initial);
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reference.trim();
    if (!text) return setError("Enter an item id or an EPC such as urn:epc:id:sgtin:…");
    if (/^0x/i.test(text) && !/^0x[0-9a-f]{64}$/i.test(text))
      return setError("An item id is 0x followed by 64 hexadecimal digits.");
    setError(undefined);
    navigate(`/provenance/${itemIdOf(text)}`);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role search, as WAI-ARIA's examples; <search> is too new
    <form className="item-lookup" onSubmit={submit} role="search" aria-label="Find an item's provenance">
      <div className="field">
        <label htmlFor="item-reference">Item id or EPC</label>
        <div className="item-lookup__row">
          <input
            id="item-reference"
            value={reference}
            onChange={(event) => setReference(event.target.value)}
            placeholder="0x… or urn:epc:id:…"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={error ? "item-reference-error" : undefined}
            aria-invalid={!!error}
          />
          <button type="submit" className="button--primary">
            Show trace
          </button>
        </div>
        {error && (
          <p id="item-reference-error" className="error-text">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
