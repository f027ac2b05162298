/**
 * The trigger table (data/triggers.json, built by scripts/build-event-verbs.ts)
 * and the matcher that finds triggers in a sentence's tokens.
 *
 * Phrases are lemmas, so one entry covers every inflection ("seized",
 * "seizing"); the lemmatiser only needs to know the words the table uses,
 * which keeps it small and keeps unknown words as they are.
 */
import type { Token } from '../core/doc.js';
import table from './data/triggers.json' with { type: 'json' };

export interface TriggerEntry {
  /** Lemmas separated by one space; `*` is any one word. */
  readonly phrase: string;
  /** Event type, or 'none' for an idiom that holds a trigger word but names no happening ("dealt a blow"). */
  readonly type: string;
  /** 0..1: how strongly the phrase alone says the event happened. */
  readonly strength: number;
  /** Says only that violence happened (kill, die): used when nothing more specific is in the sentence. */
  readonly generic?: boolean;
  /** An air strike when the article speaks of aircraft ("the strike", "the raid"), else `type`. */
  readonly aerial?: boolean;
  /** The entity after the trigger is the actor ("fell to the army"). */
  readonly swap?: boolean;
  /** 'hand' or 'cameo:CODE'. */
  readonly source: string;
}

export interface TriggerTable {
  readonly _why: string;
  readonly entries: readonly TriggerEntry[];
  readonly forms: Readonly<Record<string, string>>;
}

export interface TriggerMatch {
  readonly entry: TriggerEntry;
  /** Token indices into the token array given to the matcher, end exclusive. */
  readonly first: number;
  readonly last: number;
}

/** A compiled table: entries by first lemma, longest first. */
export interface Triggers {
  readonly byFirst: ReadonlyMap<string, readonly (TriggerEntry & { readonly words: readonly string[] })[]>;
  readonly lexicon: ReadonlySet<string>;
  readonly forms: ReadonlyMap<string, string>;
}

export function compileTriggers(t: TriggerTable): Triggers {
  const byFirst = new Map<string, (TriggerEntry & { words: string[] })[]>();
  const lexicon = new Set<string>();
  for (const e of t.entries) {
    const words = e.phrase.split(' ');
    for (const w of words) if (w !== '*') lexicon.add(w);
    const list = byFirst.get(words[0]!) ?? [];
    list.push({ ...e, words });
    byFirst.set(words[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirst, lexicon, forms: new Map(Object.entries(t.forms)) };
}

export const TRIGGERS: Triggers = compileTriggers(table as TriggerTable);

const undouble = (s: string) => (/([bdfgklmnprstvz])\1$/.test(s) ? s.slice(0, -1) : null);

/**
 * The lemma of a word, as far as the lexicon cares: irregular forms from the
 * table, then -s/-es/-ies, -ed/-ied, -ing with a restored "e" or an undoubled
 * consonant, keeping the first candidate the lexicon knows. A word that is a
 * lexicon entry itself stays first ("fighting", "shelling" are nouns of their own).
 */
export function lemmatise(word: string, triggers: Triggers = TRIGGERS): string {
  const w = word.toLowerCase().replace(/’/g, "'");
  if (triggers.lexicon.has(w)) return w;
  const irregular = triggers.forms.get(w);
  if (irregular) return irregular;
  const candidates: (string | null)[] = [];
  if (w.endsWith('ies') || w.endsWith('ied')) candidates.push(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) candidates.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) candidates.push(w.slice(0, -1));
  if (w.endsWith('ed')) candidates.push(w.slice(0, -2), w.slice(0, -1), undouble(w.slice(0, -2)));
  if (w.endsWith('ing')) candidates.push(w.slice(0, -3), w.slice(0, -3) + 'e', undouble(w.slice(0, -3)));
  for (const c of candidates) if (c && triggers.lexicon.has(c)) return c;
  return w;
}

/**
 * Triggers in a run of tokens, longest phrase first at each position; a token
 * belongs to at most one trigger.
 */
export function findTriggers(tokens: readonly Token[], triggers: Triggers = TRIGGERS): TriggerMatch[] {
  const lemmas = tokens.map((t) => lemmatise(t.text, triggers));
  const found: TriggerMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const match = (triggers.byFirst.get(lemmas[i]!) ?? []).find((e) => e.words.every((w, k) => i + k < tokens.length && (w === '*' ? /^\p{L}/u.test(lemmas[i + k]!) : lemmas[i + k] === w)));
    if (match) {
      found.push({ entry: match, first: i, last: i + match.words.length });
      i += match.words.length;
    } else i++;
  }
  return found;
}
