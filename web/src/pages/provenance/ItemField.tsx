import { useState, type FormEvent, type ReactNode } from "react";
import type { Hex } from "viem";
import { itemReference } from "./item-reference.ts";

interface Props {
  /** The input's id, unique on the page. */
  id: string;
  /** The form's accessible name. */
  name: string;
  /** The submit button's text. */
  action: ReactNode;
  initial?: string;
  /** Called with the item id once the reference typed is valid. */
  onItem(itemId: Hex): void;
}

/** A search for one item by its id (0x and 64 hex digits) or the EPC URI printed on it. */
export function ItemField({ id, name, action, initial = "", onItem }: Props) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reference = itemReference(text);
    if ("error" in reference) return setError(reference.error);
    setError(undefined);
    onItem(reference.itemId);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role search, as WAI-ARIA's examples; <search> is too new
    <form className="item-lookup" onSubmit={submit} role="search" aria-label={name}>
      <div className="field">
        <label htmlFor={id}>Item id or EPC</label>
        <div className="item-lookup__row">
          <input
            id={id}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="0x… or urn:epc:id:…"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={error ? `${id}-error` : undefined}
            aria-invalid={!!error}
          />
          <button type="submit" className="button--primary">
            {action}
          </button>
        </div>
        {error && (
          <p id={`${id}-error`} className="error-text">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
