/** Stars as text for sighted users, the number in words for screen readers. */
export function Rating({ average, count }: { average: number | null; count: number }) {
  if (!count || average === null) return <span className="rating rating--none">No reviews yet</span>;
  const rounded = Math.round(average);
  return (
    <span
      role="img"
      className="rating"
      aria-label={`Rated ${average.toFixed(1)} out of 5 by ${count} ${count === 1 ? "buyer" : "buyers"}`}
    >
      <span aria-hidden="true" className="rating__stars">
        {"★".repeat(rounded)}
        {"☆".repeat(5 - rounded)}
      </span>{" "}
      <span aria-hidden="true" className="rating__count">
        ({count})
      </span>
    </span>
  );
}
