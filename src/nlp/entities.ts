/**
 * The first named-entity recognizer (source 'rules-v1'). It sits behind the
 * `nerStage` boundary (src/nlp/recognizer.ts), where it backs up the trained model.
 *
 * Per sentence:
 *   1. known names are matched as token sequences first (the alias table,
 *      news outlets and agencies), so forms the chunker would break stay
 *      whole: "People's Protection Units", "Syrian army", "RIA Novosti";
 *   2. the rest is cut into chunks of capitalised tokens, bridging name
 *      connectors ("Ministry of Defence", "Office for the Coordination of …",
 *      "Haider al-Abadi", "Maj. Gen.") and stopping at a possessive, so
 *      "the Islamic State's Raqqa Command" gives two names;
 *   3. chunks are trimmed of sentence-opening non-names ("However", "The"),
 *      titles are split off persons ("Iraqi Prime Minister Haider al-Abadi"
 *      -> NORP "Iraqi" + PERSON "Haider al-Abadi"), a demonym or a known
 *      acronym is split off a following name ("Kurdish YPG" aside);
 *   4. each part is typed by the first cue that fires, in order of
 *      reliability, with a confidence per cue; parts no cue types are left out.
 * All-caps lines (shouted headlines, debris) are skipped, title-case headings
 * keep only strongly cued names, and URLs or e-mail addresses (single tokens,
 * see tokens.ts) are never names. Word lists are data: data/cues.json,
 * data/lists.json (gazetteer places, first names), ../resolve/data/aliases.json.
 */
import type { EntityType, Mention, Token } from '../core/doc.js';
import { tokenize } from './tokens.js';
import cues from './data/cues.json' with { type: 'json' };
import { speechCues } from './speech.js';
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
const TITLE_MODIFIERS = set(cues.titleModifiers);
const LOWER_TITLES = set(cues.lowerTitles);
const SPEECH_AFTER_NAME = set(speechCues('name-after'));
const SPEECH_BEFORE_NAME = set(speechCues('name-before'));
const MEDIA_CONTEXT = set(cues.mediaContext);
const CONNECTORS = set(cues.connectors);
const NAME_PARTICLES = set(cues.nameParticles);
const NOT_NAMES = set(cues.notNames);
const PLACES = set(lists.places);
const PLACES_THAT_ARE_WORDS = set(cues.placeNamesThatAreWords);
const REGIONS = set(cues.regions);
const CALENDAR = set(cues.weekdaysMonths);
const FIRST_NAMES = set(lists.firstNames);
const PLACE_PREPOSITIONS = set(['in', 'near', 'from', 'to', 'towards', 'toward', 'into', 'outside', 'around', 'across', 'of', 'at', 'via']);
/** Capitalised mid-sentence yet never part of a name at its start. */
const MID_SENTENCE_NON_NAMES = set(['The', 'A', 'An', 'I']);
const NUMBER_WORDS = set(cues.numberWords);
/** Upper-case words that are common nouns, not names: TV, GDP, MPs. */
const COMMON_ACRONYMS = set(cues.commonAcronyms);

/** Surface forms whose type is known: alias table first, then news media (outlets and agencies are organisations). */
const KNOWN_TYPES = new Map<string, EntityType>();
for (const e of aliases.entities) for (const form of [e.name, ...e.aliases]) KNOWN_TYPES.set(form, e.type as EntityType);
for (const form of [...cues.media, ...cues.singleWordOrgs, ...outlets.outlets.flatMap((o) => [o.name, ...o.aliases])]) {
  if (/^\p{Lu}/u.test(form) && !KNOWN_TYPES.has(form)) KNOWN_TYPES.set(form, 'ORG');
}

/** Known multi-token forms by their first token, longest first, tokenized as the text will be. */
const PHRASES = new Map<string, { words: string[]; type: EntityType }[]>();
for (const [form, type] of KNOWN_TYPES) {
  const words = tokenize(form, [{ start: 0, end: form.length, text: form, index: 0 }]).map((t) => t.text);
  if (words.length < 2) continue;
  const first = words[0] as string;
  PHRASES.set(first, [...(PHRASES.get(first) ?? []), { words, type }].sort((a, b) => b.words.length - a.words.length));
}

const CAPITALISED = /^\p{Lu}/u;
const ACRONYM = /^(?:\p{Lu}[\p{Lu}\d]{1,5}|(?:\p{Lu}\.){2,})$/u;
/** "US-backed", "IS-held": an adjective built on a name is not itself a name. */
const HYPHEN_ADJECTIVE = /^[\p{L}.]+-\p{Ll}+$/u;
/** Arabic and other name particles joined by a hyphen: "al-Abadi", "ez-Zor", "bin-Salman". */
const PARTICLE_NAME = /^(?:al|el|ad|as|ash|az|ar|an|at|ez|ed|bu|abu|ibn|bin)-\p{Lu}/iu;
const ABBREVIATED_TITLE = /^(?:Maj|Gen|Lt|Col|Capt|Sgt|Adm|Brig|Gov|Sen|Rep|Rev|Dr|Mr|Mrs|Ms|Prof|St|Cpl|Cmdr|Mt|Ft)$/;
/** URLs, e-mail addresses, handles and hashtags hold no names. */
const ADDRESS = /[@/#]|^www\./i;

function isNameToken(t: string): boolean {
  if (ADDRESS.test(t) || CALENDAR.has(t) || COMMON_ACRONYMS.has(t)) return false;
  if (PARTICLE_NAME.test(t)) return true;
  return CAPITALISED.test(t) && /\p{L}/u.test(t) && !HYPHEN_ADJECTIVE.test(t);
}

const words = (tokens: readonly Token[]) => tokens.map((t) => t.text).filter((t) => t !== '.');
const nameOf = (tokens: readonly Token[]) => words(tokens).join(' ');
/** A connector bridges two names only when the left part is not already a complete known name ("Syria for Daesh"). */
const isCompleteName = (tokens: readonly Token[]) => {
  const name = nameOf(tokens);
  return PLACES.has(name) || KNOWN_TYPES.has(name) || DEMONYMS.has(name);
};

/** A run of tokens inside one sentence: `from` inclusive, `to` exclusive. */
interface Part {
  readonly from: number;
  readonly to: number;
  /** A title was split off before this part. */
  readonly titled: boolean;
}

/** Longest known multi-token forms, left to right, as [from, to, type]. */
function knownPhrases(sentence: readonly Token[]): [number, number, EntityType][] {
  const found: [number, number, EntityType][] = [];
  for (let i = 0; i < sentence.length; i++) {
    const candidates = PHRASES.get((sentence[i] as Token).text);
    const match = candidates?.find((c) => c.words.every((w, k) => sentence[i + k]?.text === w));
    if (!match) continue;
    const to = i + match.words.length;
    // "United States Army": a known name inside a longer name that ends in a head word is left to the chunker.
    let j = to;
    while (j < sentence.length && isNameToken((sentence[j] as Token).text)) j++;
    const last = (sentence[j - 1] as Token).text;
    if (j > to && (ORG_HEADS.has(last) || LOC_HEADS.has(last) || FAC_HEADS.has(last))) continue;
    found.push([i, to, match.type]);
    i = to - 1;
  }
  return found;
}

/** Maximal runs of name tokens in sentence[from, to), bridging connectors ("Ministry of Defence") and title periods ("Maj. Gen."). */
function chunksOf(sentence: readonly Token[], from: number, to: number): [number, number][] {
  const chunks: [number, number][] = [];
  const nameAt = (k: number) => k < to && isNameToken(sentence[k]?.text ?? '');
  let i = from;
  while (i < to) {
    if (!nameAt(i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to) {
      const t = (sentence[j] as Token).text;
      const prev = sentence[j - 1] as Token;
      if (nameAt(j)) j++;
      else if (t === '.' && (sentence[j] as Token).start === prev.end && (ABBREVIATED_TITLE.test(prev.text) || /^\p{Lu}$/u.test(prev.text)) && nameAt(j + 1)) j++;
      else if (CONNECTORS.has(t) && nameAt(j + 1) && !isCompleteName(sentence.slice(i, j))) j++;
      else if (CONNECTORS.has(t) && sentence[j + 1]?.text === 'the' && nameAt(j + 2) && !isCompleteName(sentence.slice(i, j))) j += 2;
      else break;
    }
    chunks.push([i, j]);
    i = j;
  }
  return chunks;
}

/** Whether a chunk starting at `from` opens its sentence (or a quote or bracket in it). */
const opensSentence = (sentence: readonly Token[], from: number) => from === 0 || /^["'“‘([—–-]$/.test(sentence[from - 1]?.text ?? '');

/** Drops leading non-names (only articles mid-sentence: "New" in "the New York Times" is part of the name) and dangling connectors. */
function trim(sentence: readonly Token[], [from, to]: [number, number]): [number, number] {
  let a = from;
  let b = to;
  const initial = opensSentence(sentence, from);
  const dropFront = (t: string) => CONNECTORS.has(t) || t === '.' || (initial ? NOT_NAMES.has(t) : MID_SENTENCE_NON_NAMES.has(t));
  while (a < b && dropFront((sentence[a] as Token).text)) a++;
  while (b > a && (CONNECTORS.has((sentence[b - 1] as Token).text) || (sentence[b - 1] as Token).text === '.')) b--;
  return [a, b];
}

const isTitleWord = (t: string) => TITLES.has(t) || t === '.';

/**
 * Splits "Iraqi Prime Minister Haider al-Abadi" into the part before the title
 * ("Iraqi") and the titled name ("Haider al-Abadi"). A title run may hold
 * "of" ("Secretary of State") and must end in a head title, so "Foreign
 * Fighters" holds none.
 */
function splitTitle(sentence: readonly Token[], [from, to]: [number, number]): Part[] | null {
  let first = -1;
  let last = -1;
  for (let k = from; k < to - 1; k++) {
    const t = (sentence[k] as Token).text;
    if (isTitleWord(t) && (first >= 0 || t !== '.')) {
      if (first < 0) first = k;
      last = k;
    } else if (first >= 0 && (t === 'of' || t === 'for') && TITLES.has(sentence[k + 1]?.text ?? '')) {
      continue;
    } else if (first >= 0) break;
  }
  if (first < 0) return null;
  const lastTitle = (sentence[last] as Token).text === '.' ? (sentence[last - 1] as Token).text : (sentence[last] as Token).text;
  const afterOf = sentence[last - 1]?.text === 'of';
  if (TITLE_MODIFIERS.has(lastTitle) && !afterOf) return null;
  const name = sentence.slice(last + 1, to);
  const nameWords = words(name);
  // "General Command of the Army" is an organisation, not a titled person.
  if (nameWords.length === 0 || nameWords.length > 4 || nameWords.some((w) => ORG_HEADS.has(w) || (CONNECTORS.has(w) && !NAME_PARTICLES.has(w)))) return null;
  const parts: Part[] = [];
  if (first > from) parts.push({ from, to: first, titled: false });
  parts.push({ from: last + 1, to, titled: true });
  return parts;
}

/** "Syrian SDF", "Kurdish YPG", "Islam ISIS": a demonym before a known name, or a known acronym after another word, is a separate mention. */
function splitKnownTail(sentence: readonly Token[], part: Part): Part[] {
  const ws = words(sentence.slice(part.from, part.to));
  if (ws.length < 2 || KNOWN_TYPES.has(ws.join(' '))) return [part];
  const rest = sentence.slice(part.from + 1, part.to);
  const restName = nameOf(rest);
  if (DEMONYMS.has(ws[0] ?? '') && (KNOWN_TYPES.has(restName) || PLACES.has(restName) || DEMONYMS.has(restName) || ACRONYM.test(restName))) {
    return [{ from: part.from, to: part.from + 1, titled: false }, { ...part, from: part.from + 1 }];
  }
  for (let k = part.from + 1; k < part.to; k++) {
    const t = (sentence[k] as Token).text;
    if (ACRONYM.test(t) && KNOWN_TYPES.has(t)) {
      return [{ from: part.from, to: k, titled: false }, ...splitKnownTail(sentence, { ...part, from: k })];
    }
  }
  return [part];
}

/** ", a council member", ", the group's spokesman", ", who": an apposition that describes a person. */
function personApposition(sentence: readonly Token[], to: number): boolean {
  if (sentence[to]?.text !== ',') return false;
  const next = sentence[to + 1]?.text ?? '';
  if (next === 'who') return true;
  if (!/^(?:a|an|the)$/.test(next)) return false;
  for (let k = to + 2; k < Math.min(sentence.length, to + 8); k++) {
    const t = (sentence[k] as Token).text;
    if (LOWER_TITLES.has(t)) return true;
    if (t === ',' || t === '.' || t === 'which' || t === 'that') return false;
  }
  return false;
}

/**
 * The weakest person cue: two or three title-case words that no other cue
 * claimed, none of them a connector, place, known name, number word or
 * plural-looking last word ("Six Nations", "Lib Dems" are not people).
 */
function looksLikePersonName(ws: readonly string[]): boolean {
  if (ws.length < 2 || ws.length > 3) return false;
  const first = ws[0] ?? '';
  const last = ws[ws.length - 1] ?? '';
  if (DEMONYMS.has(first) || NUMBER_WORDS.has(first) || first === 'New') return false;
  if (/\p{Ll}s$/u.test(last) && !/ss$/.test(last)) return false;
  return ws.every((w) => (PARTICLE_NAME.test(w) || /^\p{Lu}[\p{Ll}'’-]/u.test(w)) && !CONNECTORS.has(w) && !PLACES.has(w) && !KNOWN_TYPES.has(w) && !NOT_NAMES.has(w));
}

/** Types a part by the first cue that fires, with a confidence per cue; null when no cue does. */
function typeOf(sentence: readonly Token[], part: Part): [EntityType, number] | null {
  const ws = words(sentence.slice(part.from, part.to));
  const name = ws.join(' ');
  const first = ws[0] ?? '';
  const last = ws[ws.length - 1] ?? '';
  const prev = sentence[part.from - 1]?.text ?? '';
  const next = sentence[part.to]?.text ?? '';
  const initial = opensSentence(sentence, part.from);
  const known = KNOWN_TYPES.get(name);
  if (known) return [known, 0.9];
  if (ws.every((w) => TITLES.has(w) || CONNECTORS.has(w))) return null; // "Prime Minister", "Secretary of State" alone
  if (part.titled && ws.length <= 4) return ['PERSON', 0.85];
  if (DEMONYMS.has(name) || (DEMONYMS.has(last) && DEMONYMS.has(first))) return ['NORP', 0.85];
  if (REGIONS.has(name)) return ['LOC', 0.8];
  // A full gazetteer name beats head words: "Mexico City", "Gulf Shores".
  if (ws.length > 1 && PLACES.has(name)) return ['GPE', 0.85];
  if (ws.length > 1) {
    if (ORG_HEADS.has(last)) return ['ORG', 0.8];
    if (LOC_HEADS.has(last)) return ['LOC', 0.8];
    if (ORG_LEADING.has(first) && ws.length > 2) return ['ORG', 0.75];
    if (LOC_LEADING.has(first)) return ['LOC', 0.75];
    if (FAC_HEADS.has(last)) return ['FAC', 0.7];
    if (EVENT_LEADING.has(first) || EVENT_HEADS.has(last)) return ['EVENT', 0.65];
  }
  if (PLACES.has(name)) {
    if (!PLACES_THAT_ARE_WORDS.has(name)) return ['GPE', ws.length === 1 && initial ? 0.7 : 0.85];
    if (PLACE_PREPOSITIONS.has(prev)) return ['GPE', 0.6];
  }
  if (ws.length === 1 && /^\p{Lu}{4,}$/u.test(first)) {
    // A shouted dateline ("BEIRUT —") names a place in ordinary case.
    const ordinary = first[0] + first.slice(1).toLowerCase();
    const knownOrdinary = KNOWN_TYPES.get(ordinary);
    if (knownOrdinary) return [knownOrdinary, 0.75];
    if (PLACES.has(ordinary)) return ['GPE', 0.75];
  }
  if (MEDIA_CONTEXT.has(prev) && ws.length <= 4) return ['ORG', 0.7];
  if (ws.length === 1 && ACRONYM.test(first)) return ['ORG', 0.6];
  if (FIRST_NAMES.has(first) && ws.length >= 2 && ws.length <= 4) return ['PERSON', 0.8];
  if (ws.length <= 4 && !initial && SPEECH_BEFORE_NAME.has(prev)) return ['PERSON', 0.7];
  // "Microsoft said" is as common as "Blair said": a single word before a speech
  // verb is left to the document-level pass, which knows "Tony Blair".
  if (ws.length <= 3 && (ws.length > 1 || !SPEECH_AFTER_NAME.has(next)) && (SPEECH_AFTER_NAME.has(next) || LOWER_TITLES.has(prev))) return ['PERSON', 0.7];
  if (ws.length <= 4 && personApposition(sentence, part.to)) return ['PERSON', 0.65];
  if (ws.length === 1 && PLACE_PREPOSITIONS.has(prev) && !initial) return ['GPE', 0.45];
  if (looksLikePersonName(ws)) return ['PERSON', 0.45];
  if (ws.length >= 2) return ['ORG', 0.35];
  return null;
}

/** The type of one word of a title-case heading, from the lists only. */
function headingWordType(word: string): [EntityType, number] | null {
  const known = KNOWN_TYPES.get(word);
  if (known) return [known, 0.85];
  if (DEMONYMS.has(word)) return ['NORP', 0.8];
  if (PLACES.has(word) && !PLACES_THAT_ARE_WORDS.has(word)) return ['GPE', 0.75];
  return null;
}

/** A title-case heading: short, no final stop, nearly every word capitalised. Only strong cues count there. */
function isHeading(sentence: readonly Token[]): boolean {
  const last = sentence[sentence.length - 1]?.text ?? '';
  if (/[.!:"”’]$/.test(last) || sentence.length > 12) return false;
  const alpha = sentence.filter((t) => /^\p{L}/u.test(t.text));
  const capitalised = alpha.filter((t) => /^\p{Lu}/u.test(t.text) || CONNECTORS.has(t.text));
  return alpha.length >= 2 && capitalised.length / alpha.length >= 0.75;
}

/** An all-caps line: a shouted headline or page debris, with no reliable case cues. */
function isShouting(sentence: readonly Token[]): boolean {
  const alpha = sentence.filter((t) => /\p{L}{2,}/u.test(t.text));
  return alpha.length >= 4 && alpha.filter((t) => t.text === t.text.toUpperCase()).length / alpha.length > 0.7;
}

/** The sentences of a token list, as slices. */
function sentencesOf(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  for (const t of tokens) {
    const current = out[out.length - 1];
    if (current && current[0]?.sentence === t.sentence) current.push(t);
    else out.push([t]);
  }
  return out;
}

export function recognize(text: string, tokens: readonly Token[]): Mention[] {
  const mentions: Mention[] = [];
  const emit = (sentence: readonly Token[], from: number, to: number, type: EntityType, confidence: number) => {
    const first = sentence[from];
    const last = sentence[to - 1];
    if (!first || !last) return;
    mentions.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), type, source: SOURCE, confidence });
  };
  const unresolvedSingles: { sentence: Token[]; at: number }[] = [];
  for (const sentence of sentencesOf(tokens)) {
    if (isShouting(sentence)) continue;
    const heading = isHeading(sentence);
    // Known multi-token names first; the chunker works on the stretches between them.
    const segments: [number, number][] = [];
    let cursor = 0;
    for (const [from, to, type] of knownPhrases(sentence)) {
      segments.push([cursor, from]);
      emit(sentence, from, to, type, 0.9);
      cursor = to;
    }
    segments.push([cursor, sentence.length]);
    for (const [segFrom, segTo] of segments) {
      if (heading) {
        // Every word of a title-case heading is capitalised, so chunks say nothing: keep single words with a strong cue.
        for (let k = segFrom; k < segTo; k++) {
          const typed = headingWordType((sentence[k] as Token).text);
          if (typed) emit(sentence, k, k + 1, typed[0], typed[1]);
        }
        continue;
      }
      for (const chunk of chunksOf(sentence, segFrom, segTo)) {
        const [a, b] = trim(sentence, chunk);
        if (a >= b) continue;
        const parts = splitTitle(sentence, [a, b]) ?? [{ from: a, to: b, titled: false }];
        for (const part of parts.flatMap((p) => splitKnownTail(sentence, p))) {
          const [from, to] = part.titled ? [part.from, part.to] : trim(sentence, [part.from, part.to]);
          if (from >= to) continue;
          const typed = typeOf(sentence, { ...part, from, to });
          if (typed) emit(sentence, from, to, typed[0], typed[1]);
          else if (to - from === 1) unresolvedSingles.push({ sentence, at: from });
        }
      }
    }
  }
  // Document-level cue: a lone capitalised word that repeats a confidently
  // recognised name ("Abadi" after "Haider al-Abadi", "Brookings" after
  // "Brookings Institution") takes that name's type. Of a person only the
  // last name counts; of an organisation never its head word ("Institution").
  const knownWords = new Map<string, EntityType>();
  // Persons first: a surname outranks a same-spelled place ("Kennedy").
  const byPersonFirst = [...mentions.filter((m) => m.type === 'PERSON'), ...mentions.filter((m) => m.type !== 'PERSON')];
  for (const m of byPersonFirst) {
    const ws = m.text.split(/\s+/);
    // A full personal name lends its surname even when weakly cued; other names need a confident type.
    const lends = m.type === 'PERSON' ? ws.length > 1 : (m.type === 'ORG' || m.type === 'GPE') && m.confidence >= 0.7;
    if (!lends) continue;
    const candidates = m.type === 'PERSON' ? ws.slice(-1) : ws.filter((w) => !ORG_HEADS.has(w) && !CONNECTORS.has(w) && !DEMONYMS.has(w));
    for (const w of candidates) {
      if (!knownWords.has(w)) knownWords.set(w, m.type);
      const bare = w.replace(/^(?:al|el|ad|as|ash|az|ar|an|at|ez|ed)-/i, '');
      if (bare !== w && !knownWords.has(bare)) knownWords.set(bare, m.type);
    }
  }
  // A surname the gazetteer also lists ("Kennedy" after "Charles Kennedy") is the person.
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k] as Mention;
    if (m.type === 'GPE' && !m.text.includes(' ') && !KNOWN_TYPES.has(m.text) && knownWords.get(m.text) === 'PERSON') {
      mentions[k] = { ...m, type: 'PERSON', confidence: 0.7 };
    }
  }
  for (const { sentence, at } of unresolvedSingles) {
    const w = (sentence[at] as Token).text;
    const type = knownWords.get(w);
    if (type && !NOT_NAMES.has(w) && !DEMONYMS.has(w)) emit(sentence, at, at + 1, type, 0.6);
  }
  mentions.push(...compoundNames(text, tokens));
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * "Syrias", "Russias": a possessive whose apostrophe was lost upstream (FA-KES text) is the name it is built on, when
 * the word itself is no known name and its stem is one the alias table or the place list knows.
 */
export function possessiveStem(word: string): { name: string; type: EntityType } | null {
  if (word.length < 4 || !/^\p{Lu}\p{Ll}+s$/u.test(word) || KNOWN_TYPES.has(word) || PLACES.has(word)) return null;
  const name = word.slice(0, -1);
  const type = KNOWN_TYPES.get(name) ?? (PLACES.has(name) ? 'GPE' : null);
  return type && !NOT_NAMES.has(name) ? { name, type } : null;
}

/**
 * "Britain-based", "US-led", "Turkish-backed": an adjective built on a name yields the name, when the name is one the
 * alias table, the place list or the demonyms know (the adjective itself is no name: HYPHEN_ADJECTIVE).
 */
function compoundNames(text: string, tokens: readonly Token[]): Mention[] {
  const out: Mention[] = [];
  for (const t of tokens) {
    const stem = possessiveStem(t.text);
    if (stem) {
      out.push({ start: t.start, end: t.start + stem.name.length, text: stem.name, type: stem.type, source: SOURCE, confidence: 0.8 });
      continue;
    }
    if (!HYPHEN_ADJECTIVE.test(t.text) || !CAPITALISED.test(t.text) || PARTICLE_NAME.test(t.text)) continue;
    const name = t.text.slice(0, t.text.indexOf('-'));
    const type = KNOWN_TYPES.get(name) ?? (DEMONYMS.has(name) ? 'NORP' : PLACES.has(name) ? 'GPE' : null);
    if (!type || NOT_NAMES.has(name)) continue;
    out.push({ start: t.start, end: t.start + name.length, text: text.slice(t.start, t.start + name.length), type, source: SOURCE, confidence: 0.8 });
  }
  return out;
}

