/** Chinese, Japanese and Korean characters: written without spaces, so indexed as characters and pairs. */
const CJK_CLASS = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff";
const CJK_RUNS = new RegExp(`[${CJK_CLASS}]+`, "gu");
const IS_CJK_RUN = new RegExp(`^[${CJK_CLASS}]+$`, "u");
const PIECES = new RegExp(`[${CJK_CLASS}]+|[\\p{L}\\p{N}]+`, "gu");
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** What a visitor typed, piece by piece: a word matches the words it begins; a CJK run needs all its terms. */
export type QueryPiece = { prefix: string } | { terms: string[] };

/**
 * The terms of a product's text with how often each occurs: lower-cased words of letters and digits, and for each
 * run of Chinese, Japanese or Korean characters its single characters and each pair of neighbours (as search
 * engines' CJK analysers do), so `咖啡` finds `埃塞俄比亚咖啡豆`.
 */
export function documentTerms(text: string): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  let length = 0;
  const add = (term: string) => {
    terms.set(term, (terms.get(term) ?? 0) + 1);
    length++;
  };
  for (const word of text.replace(CJK_RUNS, " ").toLowerCase().split(NOT_WORD)) if (word) add(word);
  for (const [run] of text.matchAll(CJK_RUNS)) for (const term of cjkTerms(run, true)) add(term);
  return { terms, length };
}

/** The pieces of a search; empty when nothing searchable was typed. */
export function queryPieces(typed: string): QueryPiece[] {
  return (typed.match(PIECES) ?? []).map((piece) =>
    IS_CJK_RUN.test(piece) ? { terms: cjkTerms(piece, false) } : { prefix: piece.toLowerCase() },
  );
}

/**
 * A CJK run's terms. Indexed, every character and every pair; queried, one character by itself or, for a longer
 * run, each pair: a text holding every pair of a run holds the run (up to the order of repeated pairs).
 */
function cjkTerms(run: string, indexed: boolean): string[] {
  const characters = [...run];
  const pairs = characters.slice(0, -1).map((character, i) => character + characters[i + 1]);
  if (indexed) return [...characters, ...pairs];
  return characters.length === 1 ? characters : pairs;
}
