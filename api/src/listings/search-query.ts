/** Chinese, Japanese and Korean characters: the same ranges as the indexer's search_terms() (migration 0004). */
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/u;
const PIECES =
  /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[^\s\p{P}\p{S}\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/gu;

/**
 * The to_tsquery('simple', …) text for what a visitor typed: every piece must match. A word of other scripts
 * matches words it begins (as-you-type: `cof` finds coffee); a run of Chinese, Japanese or Korean characters
 * matches text holding that run: one character by itself, a longer run by each pair of neighbours, as indexed.
 * Undefined when nothing searchable was typed.
 */
export function searchQueryText(typed: string): string | undefined {
  const terms = (typed.match(PIECES) ?? []).flatMap((piece) => {
    if (!CJK_RUN.test(piece)) return [`${piece.toLowerCase()}:*`];
    const characters = [...piece];
    if (characters.length === 1) return characters;
    return characters.slice(0, -1).map((character, i) => character + characters[i + 1]);
  });
  return terms.length ? terms.join(" & ") : undefined;
}
