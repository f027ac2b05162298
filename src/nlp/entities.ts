/**
 * The first named-entity recognizer: capitalised chunks typed by ordered,
 * data-driven cues (alias table, gazetteer names, demonyms, head words,
 * titles, first names, speech verbs). Source 'rules-v1'. It sits behind the
 * `nerStage` boundary so a trained model can replace it.
 */
import type { EntityType, Mention, Token } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import cues from './data/cues.json' with { type: 'json' };
import lists from './data/lists.json' with { type: 'json' };
import aliases from '../resolve/data/aliases.json' with { type: 'json' };
import outlets from '../clean/data/outlets.json' with { type: 'json' };

const SOURCE = 'rules-v1';
const set = (xs: readonly string[]) => new Set(xs);
const DEMONYMS = set(cues.demonyms);
const ORG_HEADS = set(cues.orgHeads);
const ORG_LEADING = set(cues.orgLeading);
const LOC_HEADS = set(cues.locHeads);
const LOC_LEADING = set(cues.locLeading);
const FAC_HEADS = set(cues.facHeads);
const EVENT_LEADING = set(cues.eventLeading);
const EVENT_HEADS = set(cues.eventHeads);
const TITLES = set(cues.personTitles);
const LOWER_TITLES = set(cues.lowerTitles);
const SPEECH = set(cues.speechVerbs);
const CONNECTORS = set(cues.connectors);
const NOT_NAMES = set(cues.notNames);
const PLACES = set(lists.places);
const REGIONS = set(cues.regions);
const CALENDAR = set(cues.weekdaysMonths);
const FIRST_NAMES = set(lists.firstNames);
const PLACE_PREPOSITIONS = set(['in', 'near', 'from', 'to', 'towards', 'toward', 'into', 'outside', 'around', 'across', 'of']);
/** Alias table surface form -> type, so known actors are typed the same everywhere. */
const ALIAS_TYPES = new Map<string, EntityType>();
for (const e of aliases.entities) for (const form of [e.name, ...e.aliases]) ALIAS_TYPES.set(form, e.type as EntityType);
// News outlets and agencies are organisations ("told RIA Novosti", "Sputnik reported").
for (const o of outlets.outlets) for (const form of [o.name, ...o.aliases]) if (/^\p{Lu}/u.test(form) && !ALIAS_TYPES.has(form)) ALIAS_TYPES.set(form, 'ORG');

const CAPITALISED = /^\p{Lu}/u;
const ACRONYM = /^(?:\p{Lu}[\p{Lu}\d]{1,4}|(?:\p{Lu}\.){2,})$/u;
/** "US-backed", "IS-held": an adjective built on a name is not itself a name. */
const HYPHEN_ADJECTIVE = /^[\p{L}.]+-\p{Ll}+$/u;
const PARTICLE_NAME = /^(?:al|el|ad|as|ash|az|ar|an|at|ez|ed|bu|abu|ibn|bin)-\p{Lu}/iu;
const ABBREVIATED_TITLE = /^(?:Maj|Gen|Lt|Col|Capt|Sgt|Adm|Brig|Gov|Sen|Rep|Rev|Dr|Mr|Mrs|Ms|Prof|St|Cpl|Cmdr)$/;

const isNameToken = (t: string) =>
  ((CAPITALISED.test(t) && /\p{L}/u.test(t)) || PARTICLE_NAME.test(t)) && !(HYPHEN_ADJECTIVE.test(t) && !PARTICLE_NAME.test(t)) && !CALENDAR.has(t);
const nameOf = (tokens: readonly Token[]) => tokens.map((t) => t.text).filter((t) => t !== '.').join(' ');
/** A connector only bridges two names when the left part is not already a complete known name ("Syria for Daesh"). */
const completeName = (tokens: readonly Token[]) => {
  const name = nameOf(tokens);
  return PLACES.has(name) || ALIAS_TYPES.has(name) || DEMONYMS.has(name);
};

interface Chunk {
  readonly tokens: readonly Token[];
  readonly sentenceInitial: boolean;
  readonly before: Token | undefined;
  readonly after: Token | undefined;
}

/** Maximal runs of name tokens in one sentence, bridging connectors ("Ministry of Defence") and title periods ("Maj. Gen."). */
function chunksOf(sentence: readonly Token[]): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < sentence.length) {
    const tok = sentence[i] as Token;
    if (!isNameToken(tok.text)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < sentence.length) {
      const t = sentence[j] as Token;
      const prev = sentence[j - 1] as Token;
      if (isNameToken(t.text)) {
        j++;
      } else if (t.text === '.' && t.start === prev.end && (ABBREVIATED_TITLE.test(prev.text) || /^\p{Lu}$/u.test(prev.text)) && isNameToken(sentence[j + 1]?.text ?? '')) {
        j++;
      } else if (CONNECTORS.has(t.text) && isNameToken(sentence[j + 1]?.text ?? '') && !completeName(sentence.slice(i, j))) {
        j++;
      } else if (CONNECTORS.has(t.text) && sentence[j + 1]?.text === 'the' && isNameToken(sentence[j + 2]?.text ?? '') && !completeName(sentence.slice(i, j))) {
        // "Office for the Coordination of Humanitarian Affairs"
        j += 2;
      } else break;
    }
    chunks.push({ tokens: sentence.slice(i, j), sentenceInitial: i === 0 || /^["'“‘(]$/.test(sentence[i - 1]?.text ?? ''), before: sentence[i - 1], after: sentence[j] });
    i = j;
  }
  return chunks;
}

function trim(tokens: readonly Token[]): Token[] {
  let a = 0;
  let b = tokens.length;
  while (a < b && (NOT_NAMES.has((tokens[a] as Token).text) || CONNECTORS.has((tokens[a] as Token).text) || (tokens[a] as Token).text === '.')) a++;
  while (b > a && (CONNECTORS.has((tokens[b - 1] as Token).text) || (tokens[b - 1] as Token).text === '.')) b--;
  return tokens.slice(a, b);
}

const words = (tokens: readonly Token[]) => tokens.map((t) => t.text).filter((t) => t !== '.');

/** Types a chunk by the first cue that fires, with a confidence per cue; null when no cue does. */
function typeOf(tokens: readonly Token[], context: { titled: boolean; before?: Token; after?: Token; sentenceInitial: boolean }): [EntityType, number] | null {
  const ws = words(tokens);
  const name = ws.join(' ');
  const first = ws[0] ?? '';
  const last = ws[ws.length - 1] ?? '';
  const aliasType = ALIAS_TYPES.get(name);
  if (aliasType) return [aliasType, 0.9];
  if (context.titled && ws.length <= 4) return ['PERSON', 0.85];
  if (DEMONYMS.has(last) && ws.every((w) => DEMONYMS.has(w) || /^\p{Lu}/u.test(w)) && (ws.length === 1 || DEMONYMS.has(first))) return ['NORP', 0.85];
  if (REGIONS.has(name)) return ['LOC', 0.8];
  if (ORG_HEADS.has(last) && ws.length > 1) return ['ORG', 0.8];
  if (ORG_LEADING.has(first) && ws.length > 2) return ['ORG', 0.75];
  if (LOC_HEADS.has(last) && ws.length > 1) return ['LOC', 0.8];
  if (LOC_LEADING.has(first) && ws.length > 1) return ['LOC', 0.75];
  if (FAC_HEADS.has(last) && ws.length > 1) return ['FAC', 0.7];
  if ((EVENT_LEADING.has(first) || EVENT_HEADS.has(last)) && ws.length > 1) return ['EVENT', 0.65];
  if (PLACES.has(name)) return ['GPE', ws.length === 1 && context.sentenceInitial ? 0.7 : 0.85];
  if (ws.length === 1 && /^\p{Lu}+$/u.test(first) && first.length > 3) {
    // A shouted dateline ("BEIRUT —") names a place in ordinary case.
    const titled = first[0] + first.slice(1).toLowerCase();
    const known = ALIAS_TYPES.get(titled);
    if (known) return [known, 0.75];
    if (PLACES.has(titled)) return ['GPE', 0.75];
  }
  if (ws.length === 1 && ACRONYM.test(first)) return ['ORG', 0.6];
  if (FIRST_NAMES.has(first) && ws.length >= 2 && ws.length <= 4) return ['PERSON', 0.8];
  const next = context.after?.text ?? '';
  const prev = context.before?.text ?? '';
  if (ws.length <= 3 && (SPEECH.has(next) || LOWER_TITLES.has(prev))) return ['PERSON', 0.7];
  if (ws.length === 1 && PLACE_PREPOSITIONS.has(prev) && !context.sentenceInitial) return ['GPE', 0.45];
  if (ws.length >= 2 && ws.length <= 4 && !ws.some((w) => CONNECTORS.has(w) || PLACES.has(w) || ALIAS_TYPES.has(w))) return ['PERSON', 0.45];
  if (ws.length >= 2) return ['ORG', 0.35];
  return null;
}

/**
 * Splits "Iraqi Prime Minister Haider al-Abadi" into the part before the
 * titles ("Iraqi") and the titled name ("Haider al-Abadi"), so titles are
 * never part of a person's name.
 */
function splitTitles(tokens: readonly Token[]): { prefix: Token[]; name: Token[] } | null {
  let lastTitle = -1;
  for (let k = 0; k < tokens.length - 1; k++) {
    const t = (tokens[k] as Token).text;
    if (TITLES.has(t) || (t === '.' && lastTitle === k - 1)) lastTitle = k;
    else if (lastTitle >= 0) break;
  }
  if (lastTitle < 0) return null;
  let firstTitle = lastTitle;
  while (firstTitle > 0 && (TITLES.has((tokens[firstTitle - 1] as Token).text) || (tokens[firstTitle - 1] as Token).text === '.')) firstTitle--;
  const name = tokens.slice(lastTitle + 1);
  const nameWords = words(name);
  // "General Command of the Army" is an organisation, not a titled person.
  if (nameWords.length === 0 || nameWords.length > 4 || nameWords.some((w) => ORG_HEADS.has(w) || (CONNECTORS.has(w) && !PARTICLE_NAME.test(w)))) return null;
  return { prefix: tokens.slice(0, firstTitle), name };
}

interface Part {
  tokens: Token[];
  titled: boolean;
  initial: boolean;
  before?: Token;
  after?: Token;
}

/** "Syrian SDF", "Kurdish YPG": a demonym before a known name is a separate NORP mention. */
function splitDemonym(part: Part): Part[] {
  const ws = words(part.tokens);
  if (ws.length < 2 || !DEMONYMS.has(ws[0] ?? '') || ALIAS_TYPES.has(ws.join(' '))) return [part];
  const rest = part.tokens.slice(1);
  const restName = nameOf(rest);
  if (!(ALIAS_TYPES.has(restName) || PLACES.has(restName) || DEMONYMS.has(restName) || ACRONYM.test(restName))) return [part];
  return [
    { tokens: part.tokens.slice(0, 1), titled: false, initial: part.initial, before: part.before, after: rest[0] },
    { tokens: rest, titled: part.titled, initial: false, before: part.tokens[0], after: part.after },
  ];
}

function isHeading(sentence: readonly Token[]): boolean {
  const last = sentence[sentence.length - 1]?.text ?? '';
  if (/[.!:"”’]$/.test(last) || sentence.length > 12) return false;
  const alpha = sentence.filter((t) => /^\p{L}/u.test(t.text));
  const capitalised = alpha.filter((t) => /^\p{Lu}/u.test(t.text) || CONNECTORS.has(t.text));
  return alpha.length >= 2 && capitalised.length / alpha.length >= 0.75;
}

function isShouting(sentence: readonly Token[]): boolean {
  const alpha = sentence.filter((t) => /\p{L}{2,}/u.test(t.text));
  return alpha.length >= 4 && alpha.filter((t) => t.text === t.text.toUpperCase()).length / alpha.length > 0.7;
}

export function recognize(text: string, tokens: readonly Token[]): Mention[] {
  const mentions: Mention[] = [];
  const emit = (span: readonly Token[], type: EntityType, confidence: number) => {
    const first = span[0];
    const last = span[span.length - 1];
    if (!first || !last) return;
    mentions.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), type, source: SOURCE, confidence });
  };
  const pendingSingles: { tokens: Token[] }[] = [];
  let s = 0;
  while (s < tokens.length) {
    const sentenceIndex = (tokens[s] as Token).sentence;
    let e = s;
    while (e < tokens.length && (tokens[e] as Token).sentence === sentenceIndex) e++;
    const sentence = tokens.slice(s, e);
    s = e;
    if (isShouting(sentence)) continue;
    // In a title-case heading every word is capitalised, so only strong cues count there.
    const heading = isHeading(sentence);
    for (const chunk of chunksOf(sentence)) {
      const split = splitTitles(chunk.tokens);
      const parts: Part[] = [];
      if (split) {
        const prefix = trim(split.prefix);
        if (prefix.length > 0) parts.push({ tokens: prefix, titled: false, initial: chunk.sentenceInitial && prefix[0] === chunk.tokens[0], before: chunk.before, after: split.name[0] });
        parts.push({ tokens: split.name, titled: true, initial: false, after: chunk.after });
      } else {
        const trimmed = trim(chunk.tokens);
        const before = trimmed[0] === chunk.tokens[0] ? chunk.before : chunk.tokens[chunk.tokens.indexOf(trimmed[0] as Token) - 1];
        parts.push({ tokens: trimmed, titled: false, initial: chunk.sentenceInitial && trimmed[0] === chunk.tokens[0], before, after: chunk.after });
      }
      for (const part of parts.flatMap(splitDemonym)) {
        if (part.tokens.length === 0) continue;
        const typed = typeOf(part.tokens, { titled: part.titled, before: part.before, after: part.after, sentenceInitial: part.initial });
        if (typed && (!heading || typed[1] >= 0.75)) emit(part.tokens, typed[0], typed[1]);
        else if (words(part.tokens).length === 1) pendingSingles.push({ tokens: part.tokens });
      }
    }
  }
  // Document-level cue: a lone capitalised word that repeats a word of a
  // recognised name ("Abadi" after "Haider al-Abadi") takes that name's type.
  const knownWords = new Map<string, EntityType>();
  for (const m of mentions) {
    if (m.type !== 'PERSON' && m.type !== 'ORG' && m.type !== 'GPE') continue;
    for (const w of m.text.split(/\s+/)) {
      knownWords.set(w, m.type);
      const bare = w.replace(/^(?:al|el|ad|as|ash|az|ar|an|at|ez|ed)-/i, '');
      if (bare !== w) knownWords.set(bare, m.type);
    }
  }
  for (const p of pendingSingles) {
    const w = words(p.tokens)[0] ?? '';
    const type = knownWords.get(w);
    if (type && !NOT_NAMES.has(w) && !DEMONYMS.has(w)) emit(p.tokens, type, 0.6);
  }
  return mentions.sort((a, b) => a.start - b.start);
}

export const nerStage: Stage = {
  name: 'ner',
  requires: ['tokens'],
  assigns: ['mentions'],
  run: (doc) => ({ ...doc, mentions: recognize(doc.text, doc.tokens) }),
};
