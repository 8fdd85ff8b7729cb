// A storefront catalog shaped like a real one, generated from a seed: a vocabulary of thousands of words
// used in a Zipf distribution, multi-word titles and descriptions, a share of Chinese titles, categories
// three levels deep, spread prices, stock and ratings, several tokens and many merchants.

/** Mulberry32: a small seeded generator, so every run (and both databases) sees the same catalog. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Words a shop's catalog is made of, most frequent first; thousands more are made from syllables. */
const COMMON_WORDS = `
  organic handmade coffee tea beans green black roasted ceramic cotton linen wool leather oak walnut
  steel copper glass bamboo silk cashmere vintage classic premium natural fresh dark light mild strong
  single origin blend gift set mug cup bowl plate vase candle soap honey chocolate spice pepper salt
  olive oil vinegar jam bread pasta rice noodle sauce scarf hat glove sock shirt dress jacket coat bag
  wallet belt watch ring necklace lamp chair table shelf rug pillow blanket towel basket knife board
  pan pot kettle grinder brewer filter bottle jar box tray garden seed plant pot soil tool hammer rope
  tent lantern backpack boots bike helmet ball toy puzzle book notebook pen pencil paper card frame
  print poster speaker cable charger phone case stand ethiopia kenya colombia brazil yunnan darjeeling
  assam italian french nordic alpine japanese small large medium red blue white grey brown yellow pink
  long short soft warm cold
`
  .trim()
  .split(/\s+/);
const SYLLABLES = "ka lo mi ra te su no vi ba de fi go hu ja ke lu ma ne po qui re sa ti vo wa xe yo za".split(" ");

/** Chinese product words: titles are written as they are in Chinese, without spaces between words. */
const CHINESE_WORDS = (
  "咖啡 咖啡豆 埃塞俄比亚 云南 绿茶 红茶 乌龙茶 普洱 茶叶 手工 有机 陶瓷 杯子 茶杯 丝绸 围巾 羊毛 棉布 木质 竹子 " +
  "蜂蜜 巧克力 礼盒 新鲜 烘焙 香料 橄榄油 酱油 大米 面条 背包 皮革 钱包 手表 台灯 椅子 毯子 毛巾 花瓶 蜡烛"
).split(" ");

const CATEGORY_TREE: Record<string, string[]> = {
  Food: ["Coffee", "Tea", "Snacks", "Pantry", "Sweets"],
  Home: ["Kitchen", "Decor", "Textiles", "Lighting", "Furniture"],
  Fashion: ["Bags", "Accessories", "Knitwear", "Shoes", "Jewellery"],
  Outdoor: ["Garden", "Camping", "Cycling", "Tools", "Sports"],
  Beauty: ["Skin", "Hair", "Bath", "Fragrance", "Wellness"],
  Electronics: ["Audio", "Cables", "Phone", "Lamps", "Chargers"],
  Kids: ["Toys", "Puzzles", "Books", "Clothes", "Crafts"],
  Stationery: ["Notebooks", "Pens", "Paper", "Cards", "Prints"],
};
const LEAVES = ["Classic", "Organic", "Premium", "Gift sets"];

/** Every category path of the catalog: three levels, 160 leaves. */
export const CATEGORY_PATHS: string[][] = Object.entries(CATEGORY_TREE).flatMap(([top, subs]) =>
  subs.flatMap((sub) => LEAVES.map((leaf) => [top, sub, leaf])),
);

export const NATIVE_TOKEN = "0x0000000000000000000000000000000000000000";
/** Payment tokens, native most used. */
export const TOKENS = [
  NATIVE_TOKEN,
  "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
];

export interface CatalogListing {
  index: number;
  merchantIndex: number;
  title: string;
  description: string;
  categoryPath: string[];
  material: string;
  /** In the token's smallest unit (18 decimals). */
  price: bigint;
  token: string;
  quantity: number;
  remaining: number;
  /** Present for a share of listings: review count and the sum of their ratings. */
  rating: { count: number; sum: number } | undefined;
  chinese: boolean;
}

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s, by inverting the cumulative weights. */
export class Zipf {
  readonly #cumulative: Float64Array;

  constructor(n: number, s = 1.07) {
    this.#cumulative = new Float64Array(n);
    let total = 0;
    for (let rank = 0; rank < n; rank++) this.#cumulative[rank] = total += 1 / (rank + 1) ** s;
    for (let rank = 0; rank < n; rank++) this.#cumulative[rank] /= total;
  }

  draw(random: () => number): number {
    const target = random();
    let [low, high] = [0, this.#cumulative.length - 1];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The vocabulary: common shop words first (the most frequent), then `size` words made of 2 to 4 syllables. */
export function vocabulary(size = 5_000): string[] {
  const random = randomSource(7);
  const words = new Set(COMMON_WORDS);
  while (words.size < size) {
    const syllables = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: syllables }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(""));
  }
  return [...words];
}

export const CHINESE_VOCABULARY = CHINESE_WORDS;

/** `count` listings of `merchants` merchants, the same for the same `seed`. */
export function* generateCatalog(count: number, merchants: number, seed = 1): Generator<CatalogListing> {
  const random = randomSource(seed);
  const words = vocabulary();
  const wordRank = new Zipf(words.length);
  const categoryRank = new Zipf(CATEGORY_PATHS.length, 0.8);
  const merchantRank = new Zipf(merchants, 0.6);
  const pick = (list: string[], zipf: Zipf) => list[zipf.draw(random)];
  const phrase = (length: number) => Array.from({ length }, () => pick(words, wordRank)).join(" ");
  for (let index = 0; index < count; index++) {
    const chinese = random() < 0.15;
    const titleWords = 2 + Math.floor(random() * 5);
    const title = chinese
      ? Array.from(
          { length: 2 + Math.floor(random() * 3) },
          () => CHINESE_WORDS[Math.floor(random() * CHINESE_WORDS.length)],
        ).join("")
      : capitalise(phrase(titleWords));
    const description = `${capitalise(phrase(12 + Math.floor(random() * 40)))}.`;
    // Log-normal around 25 units: most items cheap, a long tail of expensive ones.
    const units = Math.exp(Math.log(25) + 1.1 * gaussian(random));
    const price = BigInt(Math.max(1, Math.round(units * 100))) * 10n ** 16n;
    const quantity = 1 + Math.floor(random() * 500);
    const remaining = random() < 0.1 ? 0 : 1 + Math.floor(random() * quantity);
    const reviewed = random() < 0.4;
    const count = reviewed ? 1 + Math.floor(random() ** 2 * 200) : 0;
    const average = 2.5 + random() * 2.5;
    yield {
      index,
      merchantIndex: merchantRank.draw(random),
      title,
      description,
      categoryPath: CATEGORY_PATHS[categoryRank.draw(random)],
      material: pick(words, wordRank),
      price,
      token: TOKENS[random() < 0.6 ? 0 : random() < 0.7 ? 1 : 2],
      quantity,
      remaining,
      rating: reviewed ? { count, sum: Math.round(average * count) } : undefined,
      chinese,
    };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A standard normal draw (Box–Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
