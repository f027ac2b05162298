/**
 * Keys under which two spellings of a name count as the same name. Shared by
 * within-article resolution, the known-actor table and the script that builds
 * that table, so that all three compare names the same way.
 */
import { headWord } from '../nlp/heads.js';

const ARTICLE = /^(?:al|el|ad|as|ash|az|ar|an|at|ez|ed)[-\s]/i;

/** Accents off ("Barzanî" -> "Barzani"); ASCII needs no work, which keeps indexing the actor table fast. */
const unaccented = (name: string) => (!/[^\p{ASCII}]/u.test(name) ? name : name.normalize('NFKD').replace(/\p{M}/gu, ''));

/** A key that survives common Arabic transliteration variation. */
export function translitKey(name: string): string {
  return unaccented(name)
    .toLowerCase()
    .replace(/^the\s+/, '')
    .split(/[\s-]+/)
    .filter((w) => !ARTICLE.test(w + '-'))
    .join('')
    .replace(/['’`]/g, '')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/(.)\1/g, '$1')
    .replace(/ah$/, 'a')
    .replace(/h$/, '');
}

/** The id form of a name: "People's Protection Units" -> "peoples-protection-units", "U.N. Security Council" -> "un-security-council". */
export function slug(name: string): string {
  return unaccented(name)
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The spelling-insensitive form of a name: case, accents, dots, apostrophes
 * and the separators of the dictionaries ('_', '-') do not count, nor does a
 * leading "the". "HAIDAR_AL-ABADI", "Haidar al-Abadi" and "Haidar Al Abadi"
 * share one key; "U.N." and "UN" too.
 */
export function matchKey(name: string): string {
  return unaccented(name)
    .replace(/[.'’`]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the\s+/, '');
}

/** "U.N.", "KRG", "DHKP/C": written in capitals, with at least two letters. */
export function isAcronymForm(name: string): boolean {
  return /^[\p{Lu}\d.&/-]+$/u.test(name) && (name.match(/\p{Lu}/gu) ?? []).length >= 2;
}

/**
 * A person's surname for short-form lookups: the last word that is not a
 * generation suffix, with an Arabic article dropped ("Haider al-Abadi" ->
 * "Abadi", "John Paul II" -> "Paul").
 */
export function surnameOf(name: string): string {
  const words = name
    .split(/\s+/)
    .filter((w) => w.length > 0 && !/^(?:al|el)$/i.test(w) && !/^(?:[IVX]+|Jr\.?|Sr\.?)$/.test(w));
  return (words[words.length - 1] ?? '').replace(ARTICLE, '');
}

/**
 * The head noun of a name: its last capitalised word before the first
 * preposition, else its last word. "Syrian Observatory for Human Rights" ->
 * "Observatory", "Syrian Democratic Forces" -> "Forces", "Kurdistan
 * Democratic Party" -> "Party".
 */
export function headNoun(name: string, prepositions: ReadonlySet<string>): string {
  const words = name.split(/\s+/).filter((w) => w.length > 0);
  return headWord(words, (w) => prepositions.has(w.toLowerCase()), (w) => /^\p{Lu}/u.test(w));
}
