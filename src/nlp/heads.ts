/**
 * The one head-word rule of a noun phrase written as words, used for names
 * ("Syrian Observatory for Human Rights" -> "Observatory") and for
 * descriptions of speakers ("a source close to the ministry" -> "source"):
 * the last word before the first post-modifier (a word that `stops` after
 * the first word: a preposition, a relative pronoun), else the last word.
 * When the phrase is cut and `prefer` is given, the last preferred word
 * before the cut wins ("Kurdistan Democratic Party of Iran" -> "Party").
 *
 * The dependency parse will give heads from syntax; until then stages share
 * this rule rather than each keeping its own.
 */
export function headWord(words: readonly string[], stops: (word: string) => boolean, prefer?: (word: string) => boolean): string {
  const cut = words.findIndex((w, k) => k > 0 && stops(w));
  if (cut <= 0) return words[words.length - 1] ?? '';
  const before = words.slice(0, cut);
  const preferred = prefer ? before.filter(prefer) : [];
  return preferred[preferred.length - 1] ?? before[before.length - 1] ?? '';
}
