import { create } from "qrcode";
import { useMemo } from "react";

/** Modules of white margin around the code, as ISO/IEC 18004 asks. */
const QUIET_ZONE = 4;

/** The dark modules of the QR code of `text` (the qrcode package's encoder) as one SVG path, and its size. */
function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  let d = "";
  for (let row = 0; row < modules.size; row++)
    for (let column = 0; column < modules.size; column++)
      if (modules.get(row, column)) d += `M${column} ${row}h1v1h-1z`;
  return { size: modules.size, d };
}

/** The item's GS1 Digital Link as a QR code (SVG) to print on its label, with the link beside it as text. */
export function DigitalLinkCode({ link }: { link: string }) {
  const { size, d } = useMemo(() => qrPath(link), [link]);
  const span = size + 2 * QUIET_ZONE;
  return (
    <figure className="digital-link" data-testid="digital-link">
      <svg
        className="digital-link__code"
        viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${span} ${span}`}
        role="img"
        aria-label="QR code of the item's GS1 Digital Link"
        shapeRendering="crispEdges"
      >
        <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={span} height={span} fill="#fff" />
        <path d={d} fill="#000" />
      </svg>
      <figcaption>
        GS1 Digital Link (scan to open this trace):{" "}
        <a href={link} className="tx-hash" data-testid="digital-link-url">
          {link}
        </a>
      </figcaption>
    </figure>
  );
}
