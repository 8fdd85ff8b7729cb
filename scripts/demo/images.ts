import sharp from "sharp";

/** A product photo stand-in rendered locally: a gradient with the product's name, as a real JPEG. */
export async function renderProductImage(title: string, hue: number): Promise<Uint8Array> {
  const escaped = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const from = `hsl(${hue},60%,55%)`;
  const to = `hsl(${(hue + 40) % 360},70%,30%)`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
    </linearGradient></defs>
    <rect width="1200" height="900" fill="url(#g)"/>
    <circle cx="600" cy="380" r="220" fill="rgba(255,255,255,0.18)"/>
    <text x="600" y="760" font-family="sans-serif" font-size="64" fill="white" text-anchor="middle">${escaped}</text>
  </svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer());
}
