/**
 * The gender a news article gives each person it names, so that "he" and "she" resolve to a person they can refer
 * to ("he now says" is not "Mrs Clinton"). Read from the article alone, as a reader does, in three kinds of
 * evidence, strongest first:
 * - a title written right before a mention ("Mr Trump", "Mrs. Clinton", "Queen Rania"),
 * - a role noun written before the name ("spokeswoman Sandra Gidley", "the actress Meryl Streep"),
 * - the first personal pronoun after a mention in the same sentence or the next, with no other person named in
 *   between and no quotation opened ("Nayak said ... She wrote").
 * A person with no evidence, or with as much for both, has no gender and agrees with either pronoun.
 *
 * Pure: text and mentions in, a map out.
 */
import words from './data/attribution.json' with { type: 'json' };
import { alternation } from '../core/patterns.js';

export type Gender = 'm' | 'f';

/** A mention of an entity, as the attribution stage flattens them. */
export interface GenderMention {
  readonly start: number;
  readonly end: number;
  readonly entity: { readonly id: string; readonly type: string };
}


const TITLE_BEFORE = (titles: readonly string[]) => new RegExp(`(?:^|[^\\p{L}])(?:${alternation(titles)})\\.?\\s+$`, 'u');
const NOUN_BEFORE = (nouns: readonly string[]) =>
  // The noun, then only capitalised words or initials up to the name: "spokeswoman for women Sandra" is not read.
  new RegExp(`\\b(?:${alternation(nouns)})\\s+(?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,2}$`, 'iu');
const TITLE_IN = (titles: readonly string[]) => new RegExp(`^(?:${alternation(titles)})\\.?\\s`, 'u');

const MALE_TITLE = TITLE_BEFORE(words.gender.maleTitles);
const FEMALE_TITLE = TITLE_BEFORE(words.gender.femaleTitles);
const MALE_TITLE_IN = TITLE_IN(words.gender.maleTitles);
const FEMALE_TITLE_IN = TITLE_IN(words.gender.femaleTitles);
const MALE_NOUN = NOUN_BEFORE(words.gender.maleNouns);
const FEMALE_NOUN = NOUN_BEFORE(words.gender.femaleNouns);
const PRONOUN = /\b(he|him|his|himself|she|her|hers|herself)\b/gi;
const MALE_PRONOUNS = new Set(['he', 'him', 'his', 'himself']);

/** Votes of each kind of evidence. */
const TITLE_WEIGHT = 3;
const NOUN_WEIGHT = 2;
const PRONOUN_WEIGHT = 1;
/** How far after a mention its pronoun is looked for: the rest of the sentence and the next one. */
const PRONOUN_WINDOW = 220;

/** Gender of every PERSON entity the article gives evidence for. */
export function personGenders(text: string, mentions: readonly GenderMention[]): Map<string, Gender> {
  const people = mentions.filter((m) => m.entity.type === 'PERSON').sort((a, b) => a.start - b.start);
  const votes = new Map<string, number>();
  const vote = (id: string, gender: Gender, weight: number) => votes.set(id, (votes.get(id) ?? 0) + (gender === 'm' ? weight : -weight));
  people.forEach((m, k) => {
    const id = m.entity.id;
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    const written = text.slice(m.start, m.end);
    if (MALE_TITLE.test(before) || MALE_TITLE_IN.test(written)) vote(id, 'm', TITLE_WEIGHT);
    if (FEMALE_TITLE.test(before) || FEMALE_TITLE_IN.test(written)) vote(id, 'f', TITLE_WEIGHT);
    if (MALE_NOUN.test(before)) vote(id, 'm', NOUN_WEIGHT);
    if (FEMALE_NOUN.test(before)) vote(id, 'f', NOUN_WEIGHT);
    // The first pronoun after the mention, before another person is named.
    let o = k + 1;
    while (o < people.length && people[o]!.entity.id === id) o++;
    const other = people[o];
    const window = text.slice(m.end, Math.min(text.length, m.end + PRONOUN_WINDOW, other?.start ?? Infinity));
    // The rest of the sentence and the next one; a quotation opened in between speaks in another voice.
    const ends = [...window.matchAll(/[.!?]["”’]?\s/g)];
    const quote = window.search(/["“”]/);
    const limit = Math.min(ends[1]?.index ?? window.length, quote >= 0 ? quote : window.length);
    PRONOUN.lastIndex = 0;
    const p = PRONOUN.exec(window.slice(0, limit));
    if (p) vote(id, MALE_PRONOUNS.has(p[1]!.toLowerCase()) ? 'm' : 'f', PRONOUN_WEIGHT);
  });
  const out = new Map<string, Gender>();
  for (const [id, v] of votes) if (v !== 0) out.set(id, v > 0 ? 'm' : 'f');
  return out;
}

/** The gender a personal pronoun asks of its antecedent, or null ("they", "we", "I"). */
export function pronounGender(pronoun: string): Gender | null {
  const p = pronoun.toLowerCase();
  return p === 'he' ? 'm' : p === 'she' ? 'f' : null;
}
