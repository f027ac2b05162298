/**
 * Language of an article: a language the container states wins (it knows
 * its own corpus); otherwise franc-min's trigram guess on the cleaned text,
 * mapped from ISO 639-3 to the ISO 639-1 code the record uses. Too little
 * text gives null rather than a guess.
 */
import { franc } from 'franc-min';
import languageData from './data/languages.json' with { type: 'json' };

const TO_ISO6391: Readonly<Record<string, string>> = languageData.iso6393to1;
const ISO6391 = new Set(Object.values(TO_ISO6391));

/** Below this many letters the trigram profile is too thin to tell languages apart. */
export const MIN_LETTERS_TO_DETECT = 40;

/**
 * Normalises a stated language ("en", "EN-us", "eng", "English" is not
 * handled) to ISO 639-1, or null when it is not a code we know.
 */
export function normaliseLanguageCode(stated: string | undefined | null): string | null {
  if (!stated) return null;
  const primary = stated.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (ISO6391.has(primary)) return primary;
  return TO_ISO6391[primary] ?? null;
}

const DETECTION_SAMPLE_CHARS = 1000;

/** ISO 639-1 code of the text, or null when it is too short or franc cannot tell. */
export function detectLanguage(text: string): string | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS_TO_DETECT) return null;
  // Trigram profiles settle within a few hundred characters; scoring the
  // whole of a long article only costs time (franc's cost grows with length).
  const code = franc(text.slice(0, DETECTION_SAMPLE_CHARS), { minLength: MIN_LETTERS_TO_DETECT });
  if (code === 'und') return null;
  return TO_ISO6391[code] ?? null;
}

/** The article's language: the container's statement if usable, else detection. */
export function articleLanguage(text: string, stated?: string | null): string | null {
  return normaliseLanguageCode(stated) ?? detectLanguage(text);
}
