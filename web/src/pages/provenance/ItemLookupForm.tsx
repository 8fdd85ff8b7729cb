import { useNavigate } from "react-router";
import { ItemField } from "./ItemField.tsx";

/** Finds a trace by item id or by the EPC URI printed on the item. */
export function ItemLookupForm({ initial = "" }: { initial?: string }) {
  const navigate = useNavigate();
  return (
    <ItemField
      id="item-reference"
      name="Find an item's provenance"
      action="Show trace"
      initial={initial}
      onItem={(itemId) => navigate(`/provenance/${itemId}`)}
    />
  );
}
