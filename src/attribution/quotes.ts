/**
 * Who said what: direct quotations and reported speech with their speakers.
 *
 * Direct quotes are found by their marks (straight, curly, guillemets,
 * British single quotes), paired within a paragraph; a quote left open at a
 * paragraph's end continues when the next paragraph opens with a quote mark,
 * as news style writes long quotations. A quote is attributed by the cue
 * next to it ("...," he said / said Abadi / Abadi said: "..."), by a cue
 * earlier in its sentence (a partial quote inside reported speech: urged the
 * coalition not to allow ISIS to "reconstitute itself"), by "X quoted Y as
 * saying", or, for a paragraph that is only a quotation, by the speaker of
 * the quotation before it.
 *
 * Reported speech: "X said (that) ...", "X told Reuters ...", "..., X said",
 * "according to X, ...", "X confirmed that ...", "X accused Y of ...".
 *
 * The speaker phrase is read for a name (a PERSON entity wins, else an
 * organisation or country), a pronoun or definite description resolved to
 * the last compatible named speaker ("he", "the spokesman"), or an unnamed
 * source ("an unnamed source in Moscow's ... circles", "local sources",
 * "activists"), flagged anonymous with its description kept. Titles and
 * affiliations around a name become the role ("YPG spokesman"); relays
 * ("as quoted by Iraqi state television", "Reuters reported", "told RIA
 * Novosti") become the `via` chain.
 *
 * Pure: text, sentences and entities in, quotes out.
 */
import type { Entity, EntityType, Quote, Sentence, SentenceSyntax, Span } from '../core/doc.js';
import { reportedStatements } from './reported.js';
import words from './data/attribution.json' with { type: 'json' };
import cues from '../nlp/data/cues.json' with { type: 'json' };
import { speechCues } from '../nlp/speech.js';
import { headWord } from '../nlp/heads.js';
import { personGenders, pronounGender, type Gender } from './gender.js';
import { alternation, escapeRegExp } from '../core/patterns.js';

export interface AttributionInput {
  readonly text: string;
  readonly sentences: readonly Sentence[];
  readonly entities: readonly Entity[];
  /** The parse of the sentences (syntax stage); a sentence without one is read by surface patterns. */
  readonly syntax: readonly SentenceSyntax[];
}

/** A reported statement found in a sentence: document offsets, and the text after its speaker phrase. */
interface Found {
  readonly content: readonly [number, number];
  readonly speaker: readonly [number, number];
  readonly cue: readonly [number, number];
  readonly after: string;
}


const SPEECH = alternation(speechCues('quote'));
const CLAUSE = alternation(speechCues('clause'));
const ANONYMOUS_HEADS = new Set(words.anonymousHeads);
const ANONYMOUS_MARKERS = new RegExp(`\\b(?:${alternation(words.anonymousMarkers)})\\b`, 'i');
const PERSON_TITLES = new Set(cues.lowerTitles);
const TITLE_NOUNS = new Set([...cues.lowerTitles, ...words.anonymousHeads]);
const STATEMENT_HEADS = new Set(['statement', 'report', 'reports', 'figures', 'media']);
/** A reporter of a named outlet speaks for the outlet. */
const REPORTER_HEADS = new Set(['reporter', 'correspondent']);
/** Heads of unnamed sources that are no person: "the report" never refers back to someone who spoke. */
const NOT_PERSON_HEADS = new Set([...STATEMENT_HEADS, 'authorities', 'monitor', 'monitors']);
/** "a source at | Aleppo Police Command": words before a speaker phrase that make it an unnamed member of the body. */
const MEMBER_OF = new RegExp(
  `(?:^|[^\\p{L}])((?:(?:a|an|one|two|three|some|several|many)\\s+)?(?:[\\p{L}-]+\\s+)?(?:${alternation(words.memberHeads)})\\s+(?:at|in|from|of|inside|within|close\\s+to|near|with)\\s+(?:the\\s+)?)$`,
  'iu',
);
const SPOKES_HEADS = new Set(words.spokesHeads);
const TRAILING_TIME = /\s+(?:(?:on|last|this)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight)(?:\s+(?:morning|evening|night|afternoon))?$/i;
/**
 * What may follow an organisation's name in a phrase that is that organisation ("... monitor", "... group"), or be
 * set beside it ("The Syrian Observatory for Human Rights, a Britain-based monitor").
 */
const BODY_NOUN_AFTER = new RegExp(`^(?:\\s*[,(—–-]\\s*(?:a|an|the)\\s+[^,;()]{0,40}\\s|\\s+)(?:${alternation(words.bodyDescriptions)})\\)?$`, 'i');
/** "the Syrian government", "the regime": a government named by its nation, or the one named so elsewhere. */
const NATION_GOVERNMENT = new RegExp(`(?<![\\p{L}])(?:${alternation(cues.demonyms)})(?=\\s+(?:government|regime)\\b)`, 'giu');
const GOVERNMENT = new RegExp(`^(?:the\\s+)?(?:(.+?)\\s+)?(${alternation(words.governmentHeads)})$`, 'iu');
const PRONOUNS = new Map(Object.entries(words.pronouns));
const BODY_DESCRIPTIONS = new Set(words.bodyDescriptions);
/** Words that show a phrase is a clause, not someone who speaks. */
const NOT_SPEAKER = /\b(?:is|are|was|were|be|been|has|have|had|there|which|include|includes|places|will|would|could|should|can|may|might|not|this|these|those)\b/i;
const CALENDAR = new Set(cues.weekdaysMonths.map((w) => w.toLowerCase()));
const BODY_ORDER: Record<string, number> = { ORG: 0, GPE: 1, NORP: 2 };
const ADVERB = String.raw`(?:\s+(?:also|later|earlier|previously|then|further|separately|again|recently|on\s+\w+day|\w+day|\w+ly))?`;

/** Whether the mention is followed by a possessive ("Obama's", "Tobler' "): it owns something, it is no head. */
const isPossessor = (text: string, m: { readonly end: number }) => /^['’]s?\s/.test(text.slice(m.end, m.end + 3));

/** A mention of an entity, flattened, for lookups by position. */
interface Located {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity;
}

interface Speaker {
  readonly speaker: string | null;
  readonly speakerEntity: string | null;
  readonly type: EntityType | null;
  readonly mention: Span | null;
  readonly role: string | null;
  readonly anonymous: boolean;
  readonly resolved: 'name' | 'pronoun' | 'description' | 'anonymous' | 'none';
}

const NO_SPEAKER: Speaker = { speaker: null, speakerEntity: null, type: null, mention: null, role: null, anonymous: false, resolved: 'none' };

const span = (text: string, start: number, end: number): Span => ({ start, end, text: text.slice(start, end) });

/** Trim whitespace and surrounding punctuation off [start, end). */
function trimSpan(text: string, start: number, end: number, punctuation = /[\s,;:]/): [number, number] {
  while (start < end && punctuation.test(text[start]!)) start++;
  while (end > start && punctuation.test(text[end - 1]!)) end--;
  return [start, end];
}

const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

// ---------------------------------------------------------------------------
// Direct quotes: pairing the marks

interface Marked {
  /** Content, inside the marks. */
  readonly start: number;
  readonly end: number;
  /** Positions of the opening and closing marks. */
  readonly open: number;
  readonly close: number;
}

const OPENERS: Record<string, string> = { '“': '”', '«': '»', '"': '"', '‘': '’', '„': '“' };

/** Quote-mark pairs of the text, long quotations continued across paragraphs. */
export function findQuotations(text: string): Marked[] {
  const out: Marked[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const closer = OPENERS[ch];
    const before = i === 0 ? ' ' : text[i - 1]!;
    // An opening mark starts a word: after a space, a bracket, a dash or a colon (not "it’s" or "5'").
    if (!closer || !/[\s([{\-–—:]/.test(before) || /\s/.test(text[i + 1] ?? ' ')) {
      i++;
      continue;
    }
    let j = i + 1;
    let end = -1;
    let closeAt = -1;
    while (j < text.length && j - i < 3000) {
      const c = text[j]!;
      if (c === '\n') {
        // A paragraph ends inside the quotation: it continues only if the next paragraph opens with the same mark.
        let k = j;
        while (k < text.length && /\s/.test(text[k]!)) k++;
        if (text[k] === ch) {
          j = k + 1;
          continue;
        }
        break;
      }
      // An opening mark after a sentence's end, before a capital: the next paragraph of a long quotation, its break
      // lost ('said: "This is the first. "It goes on ...'). The quotation so far ends here, and that one begins.
      if (c === ch && j > i + 1 && /[.!?…]\s+$/.test(text.slice(Math.max(i + 1, j - 4), j)) && /[\p{Lu}\p{N}]/u.test(text[j + 1] ?? '')) {
        end = j;
        closeAt = j - 1;
        break;
      }
      // A closing mark ends a word: a letter, digit or punctuation before it, and no letter after it (not "don’t").
      if (c === closer && (closer !== ch || j > i + 1) && !/[\p{L}\p{N}]/u.test(text[j + 1] ?? ' ') && /[\p{L}\p{N}.,!?…—\-)]/u.test(text[j - 1] ?? '')) {
        end = j;
        closeAt = j;
        break;
      }
      j++;
    }
    if (end < 0) {
      i++;
      continue;
    }
    const [s, e] = trimSpan(text, i + 1, end, /[\s,]/);
    if (e > s) out.push({ start: s, end: e, open: i, close: closeAt });
    i = closeAt + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Speaker phrases

/** The head noun of a description: its last word before a preposition, relative clause or comma. */
const DESCRIPTION_STOPS = /^(?:in|from|of|at|who|with|close|familiar|on|inside|within|near|for|to)$/i;
function headOf(phrase: string): string {
  const ws = phrase
    .replace(/[(),]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  return headWord(ws, (w) => DESCRIPTION_STOPS.test(w))
    .toLowerCase()
    .replace(/['’]s$/, '');
}

interface History {
  /** Named speakers found so far, with where each statement was made. */
  readonly speakers: { readonly speaker: Speaker; readonly at: number; readonly quote: number }[];
  readonly located: readonly Located[];
  readonly text: string;
  /** The gender the article gives its people, for pronoun agreement. */
  readonly genders: ReadonlyMap<string, Gender>;
}

/** The last named speaker (or mentioned entity) compatible with a pronoun or description, before `at`. */
function antecedent(history: History, at: number, want: string, noun: string | null, gender: Gender | null = null, own: number | null = null): Speaker | null {
  const typed = (type: EntityType | null) =>
    want === 'ANY' ? true : want === 'PERSON' ? type === 'PERSON' : type === 'ORG' || type === 'GPE' || type === 'NORP';
  // "he" is not a person the article calls "Mrs"; a person of unknown gender agrees with either.
  const agrees = (id: string | null) => gender === null || id === null || (history.genders.get(id) ?? gender) === gender;
  const compatible = (type: EntityType | null, id: string | null) => typed(type) && agrees(id);
  // The nearest earlier statement's speaker: statements are found in two passes, so order by position here.
  // A quote resolved again leaves out its own first guess.
  const earlier = history.speakers.filter((x) => x.at < at && x.quote !== own).sort((a, b) => a.at - b.at);
  for (let k = earlier.length - 1; k >= 0; k--) {
    const s = earlier[k]!.speaker;
    if (!s.speakerEntity || !compatible(s.type, s.speakerEntity)) continue;
    if (noun && !(s.role ?? '').toLowerCase().includes(noun)) continue;
    return s;
  }
  if (noun !== null) return null;
  for (let k = history.located.length - 1; k >= 0; k--) {
    const m = history.located[k]!;
    // A possessor ("President Barack Obama's healthcare law") is no subject to refer back to.
    if (isPossessor(history.text, m)) continue;
    if (m.end > at || !compatible(m.entity.type, m.entity.id) || !['PERSON', 'ORG', 'GPE', 'NORP'].includes(m.entity.type)) continue;
    if (want === 'ANY' && m.entity.type !== 'PERSON' && m.entity.type !== 'ORG') continue;
    return { speaker: m.entity.name, speakerEntity: m.entity.id, type: m.entity.type, mention: null, role: null, anonymous: false, resolved: 'pronoun' };
  }
  return null;
}

/**
 * "the general staff" for the "Russian General Staff" named in the article, "the commission" for the "U.N.
 * commission of inquiry": a definite description made of the last words of an organisation's name, or of the
 * words before its "of", is that organisation; the nearest named before it, else the first after it.
 */
function shortNameOf(phrase: string, start: number, located: readonly Located[]): Located | null {
  const m = /^the\s+([\p{L}\s.-]+)$/iu.exec(phrase.trim());
  if (!m) return null;
  const words = m[1]!.toLowerCase().split(/\s+/);
  const fits = (name: string) => {
    const own = name.toLowerCase().split(/\s+/);
    const of = own.indexOf('of');
    const core = of > 0 ? own.slice(0, of) : own;
    return core.length > words.length && words.every((w, k) => core[core.length - words.length + k] === w);
  };
  const orgs = located.filter((x) => x.entity.type === 'ORG' && fits(x.entity.name));
  return orgs.filter((x) => x.end <= start).at(-1) ?? orgs.find((x) => x.start > start) ?? null;
}

/**
 * "the Syrian government", "Iraqi government", "the regime": a government named by the nationality or country
 * before it is a named speaker ("Syrian government": the outlet's own word, regime or government, stays in the
 * mention); "the government" or "the regime" alone is the one the article names so, the last before it, else the
 * first after it. A government the article never names stays a description.
 */
function governmentSpeaker(text: string, phrase: string, start: number, body: readonly Located[]): Speaker | null {
  const g = GOVERNMENT.exec(phrase);
  if (!g) return null;
  // A possessive that lost its apostrophe ("Syrias government") is named by its entity.
  const written = (m: Located) => (m.entity.type === 'GPE' && text.slice(m.start, m.end) !== m.entity.name ? m.entity.name : text.slice(m.start, m.end));
  const named = (nation: string) => ({ speaker: `${nation} government`, speakerEntity: null, type: 'ORG' as const, mention: null, role: null, anonymous: false, resolved: 'name' as const });
  if (g[1] !== undefined) {
    const owner = body.find((m) => (m.entity.type === 'NORP' || m.entity.type === 'GPE') && m.start === start + phrase.indexOf(g[1]!) && m.end - m.start === g[1]!.length);
    return owner ? named(written(owner)) : null;
  }
  // The nationality written before "government" or "regime" elsewhere, as a mention of its own or inside a longer
  // name the article resolved otherwise ("Syrian regime forces" read as the army).
  const elsewhere = [...text.matchAll(NATION_GOVERNMENT)].map((x) => ({ start: x.index, end: x.index + x[0].length, nation: x[0] }));
  const ref = elsewhere.filter((m) => m.end <= start).at(-1) ?? elsewhere.find((m) => m.start > start);
  return ref ? named(ref.nation) : null;
}

/** Read a speaker phrase text[start, end). */
function readSpeaker(text: string, start: number, end: number, history: History, after = ''): Speaker {
  [start, end] = trimSpan(text, start, end, /[\s,;:"“”'‘’—–-]/);
  if (end <= start) return NO_SPEAKER;
  // The parse may leave "A source at" out of "A source at Aleppo Police Command told ...".
  const member = MEMBER_OF.exec(text.slice(Math.max(0, start - 60), start));
  if (member) start -= member[1]!.length;
  // "Idlib administration on Monday announced": the time is when it was said, not who said it.
  const time = TRAILING_TIME.exec(text.slice(start, end));
  if (time && time.index > 0) end = start + time.index;
  const phrase = text.slice(start, end);
  const mention = span(text, start, end);
  const inside = history.located.filter((m) => m.start >= start && m.end <= end);
  // "Ms Jowell's deputy, Richard Caborn": the owner of a possessive is not the one who speaks.
  const people = inside.filter((m) => m.entity.type === 'PERSON');
  const person = people.find((m) => !isPossessor(text, m)) ?? people[0];
  const lower = phrase.toLowerCase();
  const pronoun = PRONOUNS.get(lower);
  if (pronoun) {
    const a = antecedent(history, start, pronoun, null, pronounGender(lower));
    return a ? { ...a, mention, role: a.role, resolved: 'pronoun' } : { ...NO_SPEAKER, speaker: phrase, mention };
  }
  // "an official, who asked not to be named," / "speaking on condition of anonymity": only words that continue the phrase.
  const continuation = /^\s*,?\s*(?:who|speaking|on condition)\b[^.;]{0,80}/i.exec(after)?.[0] ?? '';
  const anonymousMarked = ANONYMOUS_MARKERS.test(phrase) || ANONYMOUS_MARKERS.test(continuation);
  // A relative clause ("who asked not to be named") is part of the phrase, not a sign of a clause.
  // Names are not clause words: "Theresa May" is no modal.
  const named = inside.reduce((p, m) => p.slice(0, m.start - start) + 'N'.repeat(m.end - m.start) + p.slice(m.end - start), phrase);
  const core = named.replace(/,?\s+(?:who|speaking)\b.*$/i, '');
  if ((NOT_SPEAKER.test(core) && !anonymousMarked) || CALENDAR.has(core.replace(/^(?:on|last|this|next)\s+/i, '').toLowerCase())) return NO_SPEAKER;
  if (person && !anonymousMarked) {
    const role = phrase
      .replace(person.entity.mentions.find((m) => m.start === person.start)?.text ?? '', ' ')
      .replace(/^[\s,]*(?:the|a|an)\s+/i, '')
      .replace(/\s+(?:also|later|earlier|then|again)\s*$/i, '')
      .replace(/[\s,]+$|^[\s,]+/g, '')
      .replace(/\s{2,}/g, ' ');
    return { speaker: person.entity.name, speakerEntity: person.entity.id, type: 'PERSON', mention, role: role || (person.entity.roles[0] ?? null), anonymous: false, resolved: 'name' };
  }
  const head = headOf(phrase);
  const body = inside.filter((m) => m.entity.type === 'ORG' || m.entity.type === 'GPE' || m.entity.type === 'NORP');
  // The body that heads the phrase: its mention ends the phrase (or its parenthesised acronym does); organisations first.
  const heading = body
    .filter((m) => /^\s*(?:\([^)]*\))?\s*$/.test(text.slice(m.end, end)))
    .sort((a, b) => BODY_ORDER[a.entity.type]! - BODY_ORDER[b.entity.type]! || a.start - b.start)[0];
  if (STATEMENT_HEADS.has(head) && body.length > 0) {
    // "the statement on Toblerone's Facebook page": the owner's statement, not the page's.
    const b = body.find((m) => isPossessor(text, m)) ?? body[body.length - 1]!;
    return { speaker: b.entity.name, speakerEntity: b.entity.id, type: b.entity.type, mention, role: null, anonymous: false, resolved: 'name' };
  }
  // "the source": the unnamed source described before ("an unnamed source in Moscow's ... circles").
  if (/^the\s/i.test(phrase) && ANONYMOUS_HEADS.has(head) && !PERSON_TITLES.has(head)) {
    const earlier = history.speakers.filter((x) => x.at < start && x.speaker.anonymous && new RegExp(`\\b${head}\\b`, 'i').test(x.speaker.speaker ?? ''));
    const last = earlier[earlier.length - 1];
    if (last) return { ...last.speaker, mention };
  }
  // "SANA reporter", "an AFP correspondent": an outlet reports through its reporter ("SANA reported"); "the reporter"
  // after it is that outlet again.
  if (REPORTER_HEADS.has(head) && !anonymousMarked) {
    const outlet = body.find((m) => m.entity.type === 'ORG');
    if (outlet) return { speaker: outlet.entity.name, speakerEntity: outlet.entity.id, type: 'ORG', mention, role: head, anonymous: false, resolved: 'name' };
    const before = /^the\s/i.test(phrase) ? history.speakers.filter((x) => x.at < start && x.speaker.role === head && x.speaker.type === 'ORG').at(-1) : undefined;
    if (before) return { ...before.speaker, mention, resolved: 'description' };
  }
  // "the spokesman", "the US scholar": a definite description of someone named before.
  if (/^the\s/i.test(phrase) && TITLE_NOUNS.has(head) && !/s$/.test(head) && !NOT_PERSON_HEADS.has(head)) {
    // The last speaker with that title, else the last named person who spoke.
    const a = antecedent(history, start, 'PERSON', head) ?? antecedent(history, start, 'PERSON', '');
    if (a) return { ...a, mention, resolved: 'description' };
  }
  // "a spokesperson for the Syrian Observatory": the body speaks through its spokesperson.
  if (SPOKES_HEADS.has(head) && heading && !anonymousMarked && /\b(?:for|of)\s/i.test(phrase)) {
    return { speaker: heading.entity.name, speakerEntity: heading.entity.id, type: heading.entity.type, mention, role: head, anonymous: false, resolved: 'name' };
  }
  // "the Syrian Observatory for Human Rights monitor", "the Islamic State group": a body named with the noun it is.
  const namedAs = body.find((m) => m.entity.type === 'ORG' && BODY_NOUN_AFTER.test(text.slice(m.end, end)));
  if (namedAs && !anonymousMarked) return { speaker: namedAs.entity.name, speakerEntity: namedAs.entity.id, type: 'ORG', mention, role: null, anonymous: false, resolved: 'name' };
  const shortened = shortNameOf(phrase, start, history.located);
  if (shortened && !anonymousMarked) return { speaker: shortened.entity.name, speakerEntity: shortened.entity.id, type: 'ORG', mention, role: null, anonymous: false, resolved: 'description' };
  const government = governmentSpeaker(text, phrase, start, body);
  if (government) return { ...government, mention };
  // "a source at Aleppo Police Command", "a Yili spokesman": an unnamed member of a named body is still unnamed.
  const indefinite = /^(?:a|an|one|some|several|two|three|four|five|many)\s/i.test(phrase);
  if (anonymousMarked || (ANONYMOUS_HEADS.has(head) && (indefinite || !(body.length > 0 && body[body.length - 1]!.end === end)))) {
    return { speaker: phrase.replace(/^(?:the)\s+/i, (m) => m), speakerEntity: null, type: null, mention, role: null, anonymous: true, resolved: 'anonymous' };
  }
  if (heading) {
    const first = inside.find((m) => m.entity === heading.entity) ?? heading;
    const role = phrase.slice(0, first.start - start).replace(/^(?:the|a|an)\s+/i, '').trim();
    return { speaker: heading.entity.name, speakerEntity: heading.entity.id, type: heading.entity.type, mention, role: role || null, anonymous: false, resolved: 'name' };
  }
  // A description with no name ("a senior commander", "Iraqi forces"): kept as it is written.
  if (wordCount(phrase) > 8 || !/^(?:the|a|an|some|several|many|two|three|\p{Lu})/iu.test(phrase)) return NO_SPEAKER;
  // "Rebels say", "the opposition accused", "his lawyers claim": no name is given, so the source is anonymous.
  return { speaker: phrase, speakerEntity: null, type: null, mention, role: null, anonymous: true, resolved: 'description' };
}

/**
 * The speaker phrase that ends right before `verbStart`: back to the clause
 * boundary (sentence start, "that", a colon, a semicolon, a closing quote),
 * keeping an appositive between commas ("Hoshawi Babakr, a member of the KDP,").
 * A leading participial phrase ("Speaking to RIA Novosti, ...") is left out.
 */
function phraseBefore(text: string, from: number, verbStart: number): [number, number] {
  let start = from;
  const window = text.slice(from, verbStart);
  const boundary = Math.max(window.lastIndexOf(';'), window.lastIndexOf(':'), window.lastIndexOf('|'), window.lastIndexOf('”'), window.lastIndexOf('"'), window.search(/\bthat\s[^]*$/));
  if (boundary >= 0) start = from + boundary + 1;
  // Leading "Speaking to X, " / "In a statement, " / "On Tuesday, ".
  const lead = /^\s*(?:(?:Speaking|Talking|Writing)\s+(?:to|with|in|on)\s[^,]{1,60}|\p{Lu}\p{Ll}+ing\s[^,]{1,60}|In\s+(?:a|an|his|her|their)\s[^,]{1,60}|On\s+\w+(?:\s+\w+)?|Later|Meanwhile|However|But|And|Separately|Earlier),\s*/u.exec(text.slice(start, verbStart));
  if (lead) start += lead[0].length;
  // A time phrase opening the clause without a comma: "On the same day an unnamed source ...", "Back on October 13, ...".
  const time = /^\s*(?:(?:Back\s+)?on\s+(?:the\s+same\s+day|\w+day|\p{Lu}\w+\s+\d{1,2})|last\s+\w+|earlier\s+this\s+\w+|this\s+week)\s*,?\s*/iu.exec(text.slice(start, verbStart));
  if (time) start += time[0].length;
  return [start, verbStart];
}

// ---------------------------------------------------------------------------
// Relays

function relaysIn(text: string, from: number, to: number, located: readonly Located[]): string[] {
  const out: string[] = [];
  const slice = text.slice(from, to);
  const add = (at: number) => {
    const m = located.find((x) => x.start >= from + at && x.start <= from + at + 3 && (x.entity.type === 'ORG' || x.entity.type === 'PERSON' || x.entity.type === 'GPE'));
    if (m && !out.includes(m.entity.name)) out.push(m.entity.name);
  };
  for (const m of slice.matchAll(/\b(?:as\s+)?(?:quoted|reported|cited)\s+by\s+|\bin\s+an\s+interview\s+with\s+|\b(?:speaking|talking)\s+to\s+|\btold\s+/gi)) add(m.index + m[0].length);
  for (const m of slice.matchAll(/(\S[^,.;]{0,60}?)\s+(?:reported|quoted)\b/g)) {
    const loc = located.find((x) => x.start >= from + m.index && x.end <= from + m.index + m[1]!.length + 1 && x.entity.type === 'ORG');
    if (loc && !out.includes(loc.entity.name)) out.push(loc.entity.name);
  }
  return out;
}

/**
 * Reported speech by surface patterns, for a sentence the parser did not
 * read: "according to X, ...", "..., X said", "X said (that) ...".
 * Offsets are into the document text.
 */
function surfaceStatements(text: string, sentence: Sentence, history: History): Found[] {
  const s = sentence.text;
  const base = sentence.start;
  const found: { content: [number, number]; speaker: [number, number]; cue: [number, number]; after?: string }[] = [];
  // "according to X, CLAUSE" / "CLAUSE, according to X"
  const accLead = /^According to ([^,]{2,90}),\s+(.{12,})$/u.exec(s);
  const accTail = /^(.{12,}?),?\s+according to ([^,.;]{2,90}?)(?:,[^]*)?[.!?]?$/u.exec(s);
  // "CLAUSE, X said." / "CLAUSE, said X."
  const tail = new RegExp(String.raw`^(.{12,}?),\s+(?:(${CLAUSE}|said|says|told)\s+([^,.;]{2,80}?)|([^,.;"“”]{2,80}?)${ADVERB}\s+(${CLAUSE}|said|says))(?:[,\s][^"“”]*)?[.!?]?$`, 'u').exec(s);
  // "X (adv) said (OBJ) (that) CLAUSE"
  const lead = new RegExp(String.raw`(?<![-\w])(${CLAUSE}|told|accused|urged)\b`, 'g');
  const leadFirst = (() => {
    for (const m of s.matchAll(lead)) {
      const verb = m[1]!;
      const verbAt = m.index;
      if (wordCount(s.slice(0, verbAt)) > 14) return null;
      const [a, b] = phraseBefore(text, base, base + verbAt);
      if (b - a < 2) continue;
      const probe = readSpeaker(text, a, b, history, text.slice(b));
      if (probe.resolved === 'none' || (probe.resolved === 'description' && !probe.anonymous)) continue;
      let rest = verbAt + verb.length;
      const obj = /^\s+([^,.;]{1,60}?)\s+(?=that\b)|^\s+((?:\p{Lu}[\p{L}.'’-]*\s*){1,5})(?=\s|,)/u.exec(s.slice(rest));
      if (verb === 'told' && obj) rest += obj[0].length;
      const that = /^\s*(?:on\s+\w+day|\w+day|\w+ly)?\s*(?:,\s*)?(?:that\s+)?/.exec(s.slice(rest));
      rest += that ? that[0].length : 0;
      const contentEnd = s.replace(/[.!?]+["”’]?\s*$/, '').replace(/,\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:reported|said)$/u, '').length;
      if (wordCount(s.slice(rest, contentEnd)) < 4) continue;
      return { content: [rest, contentEnd] as [number, number], speaker: [a - base, b - base] as [number, number], cue: [verbAt, verbAt + verb.length] as [number, number], after: s.slice(b - base) };
    }
    return null;
  })();
  if (leadFirst) {
    found.push(leadFirst);
  } else if (accLead) {
    found.push({ content: [s.indexOf(accLead[2]!), s.length], speaker: [13, 13 + accLead[1]!.length], cue: [0, 12] });
  } else if (accTail) {
    const at = s.lastIndexOf('according to');
    found.push({ content: [0, accTail[1]!.length], speaker: [at + 13, at + 13 + accTail[2]!.length], cue: [at, at + 12] });
  } else if (tail && !/^(?:But|And|However)\b/.test(tail[2] ?? tail[4] ?? '')) {
    const contentEnd = tail[1]!.length;
    if (tail[2]) {
      const c = s.indexOf(tail[2], contentEnd);
      found.push({ content: [0, contentEnd], speaker: [c + tail[2].length + 1, c + tail[2].length + 1 + tail[3]!.length], cue: [c, c + tail[2].length] });
    } else {
      const sp = s.indexOf(tail[4]!, contentEnd);
      const c = s.indexOf(tail[5]!, sp + tail[4]!.length);
      found.push({ content: [0, contentEnd], speaker: [sp, sp + tail[4]!.length], cue: [c, c + tail[5]!.length] });
    }
  } else {
    for (const m of s.matchAll(lead)) {
      const verb = m[1]!;
      const verbAt = m.index;
      const [a, b] = phraseBefore(text, base, base + verbAt);
      if (b - a < 2 || wordCount(text.slice(a, b)) > 14) continue;
      let rest = verbAt + verb.length;
      // told OBJ (that): the object is a relay or the addressee.
      const obj = /^\s+([^,.;]{1,60}?)\s+(?=that\b)|^\s+((?:\p{Lu}[\p{L}.'’-]*\s*){1,5})(?=\s|,)/u.exec(s.slice(rest));
      if (verb === 'told' && obj) rest += obj[0].length;
      const that = /^\s*(?:on\s+\w+day|\w+day|\w+ly)?\s*(?:,\s*)?(?:that\s+)?/.exec(s.slice(rest));
      rest += that ? that[0].length : 0;
      const contentEnd = s.replace(/[.!?]+["”’]?\s*$/, '').length;
      if (wordCount(s.slice(rest, contentEnd)) < 4) continue;
      found.push({ content: [rest, contentEnd], speaker: [a - base, b - base], cue: [verbAt, verbAt + verb.length], after: s.slice(verbAt) });
      break;
    }
  }
  return found.map((f) => ({ content: [base + f.content[0], base + f.content[1]] as const, speaker: [base + f.speaker[0], base + f.speaker[1]] as const, cue: [base + f.cue[0], base + f.cue[1]] as const, after: f.after ?? '' }));
}

// ---------------------------------------------------------------------------
// Extraction

/** Participles that begin a statement's content but are not part of it. */
const ADDING = /^(?:adding|saying|noting|stressing|insisting)\s+(?:that\s+)?/i;
/** A relay or a refusal, read as content: how it was said, not what ("quoted by Russian news agencies"). */
const NOT_CONTENT = /^(?:(?:as\s+)?(?:quoted|cited|reported)\s+by|citing|declining\s+to|refusing\s+to|without\s+(?:saying|giving))\b/i;
/** What a speaker carried over from the statement before is worth. */
const CONTINUED_CONFIDENCE = 0.6;
/** How much text may lie between a quotation and the next one that goes on with it. */
const CONTINUATION_GAP = 160;

/**
 * '"... home," he said. "We needed to cut expenses."': a quotation with no cue of its own that comes right after
 * an attributed one, with nothing between but punctuation or that one's own attribution ending its sentence, goes
 * on in the same voice (news style, with the paragraph breaks lost or kept).
 */
function continuesQuotation(text: string, last: { readonly speaker: Speaker; readonly close: number }, open: number): boolean {
  const gap = text.slice(last.close + 1, open);
  if (gap.length > CONTINUATION_GAP || /["“”]/.test(gap)) return false;
  if (/^[\s.,;:!?’'—–-]*$/.test(gap)) return true;
  const mention = last.speaker.mention;
  if (!mention || mention.start <= last.close || mention.end > open) return false;
  // The attribution ends the sentence: at most a short adverbial after the speaker ("on Facebook", "on Sunday night").
  return /^[^.!?]{0,40}[.!?]\s*$/.test(text.slice(mention.end, open)) && /^[\s,.!?]*(?:[^.!?]{0,40})$/.test(text.slice(last.close + 1, mention.start));
}

const sentenceAt = (sentences: readonly Sentence[], at: number) => sentences.find((s) => s.start <= at && at < s.end) ?? null;

export function extractQuotes(input: AttributionInput): Quote[] {
  const { text, sentences, entities } = input;
  const located: Located[] = entities
    .flatMap((entity) => entity.mentions.map((m) => ({ start: m.start, end: m.end, entity })))
    .sort((a, b) => a.start - b.start);
  const history: History = { speakers: [], located, text, genders: personGenders(text, located) };
  const quotes: (Quote & { readonly order: number })[] = [];
  const covered: [number, number][] = [];
  let lastDirect: { speaker: Speaker; paragraphEnd: number; close: number } | null = null;

  /** Quotes whose speaker is a pronoun, resolved again once every statement is known (they are found in two passes). */
  const pronouns: { readonly at: number; readonly want: string; readonly gender: Gender | null; readonly start: number }[] = [];
  const push = (q: Omit<Quote, 'source'>, sp: Speaker) => {
    quotes.push({ ...q, source: 'quotes-v1', order: q.start });
    const written = sp.mention?.text.toLowerCase() ?? '';
    const pronoun = PRONOUNS.get(written);
    if (pronoun && (sp.resolved === 'pronoun' || sp.resolved === 'none')) pronouns.push({ at: sp.mention!.start, want: pronoun, gender: pronounGender(written), start: q.start });
    if (sp.speakerEntity || sp.anonymous) history.speakers.push({ speaker: sp, at: Math.min(q.start, sp.mention?.start ?? q.start), quote: q.start });
  };

  // Direct quotations, in text order.
  for (const mark of findQuotations(text)) {
    const content = text.slice(mark.start, mark.end);
    const sentence = sentenceAt(sentences, mark.open) ?? sentenceAt(sentences, mark.start);
    const sStart = sentence?.start ?? Math.max(0, text.lastIndexOf('\n', mark.open) + 1);
    const after = text.slice(mark.close + 1, Math.min(text.length, mark.close + 200));
    let speaker: Speaker = NO_SPEAKER;
    let cue: Span | null = null;
    let via: string[] = [];
    // 'X said: "..." She said ...': a quotation that a cue introduces, and that ends its sentence, is not the next one's.
    const introduced = new RegExp(String.raw`(?:${SPEECH})\s*[:,]\s*$`).test(text.slice(sStart, mark.open)) && /[.!?…]$/.test(content);
    // 1. "..., X quoted Y as saying"
    const quoted = new RegExp(String.raw`^\s*[,.]?\s*([^.!?\n"“”]{2,80}?)\s+(quoted|cited)\s+([^.!?\n"“”]{2,60}?)\s+as\s+(saying|telling|adding|stating)`).exec(after);
    // 2. "...," he said / said Abadi / Abadi told Reuters
    const cueAfter = new RegExp(String.raw`^\s*[,.!?]?\s*(?:(${SPEECH})\s+([^.,;!?\n"“”]{1,80}?)(?=[.,;!?\n]|$)|([^.;!?\n"“”]{1,90}?)${ADVERB}\s+(${SPEECH})\b)`).exec(after);
    // '"... the state." The government agreed.': a quotation closed by a full stop ended its sentence; the next one,
    // opening with a capital, is not its attribution.
    const ended = /\.$/.test(content) && /^\s*\p{Lu}/u.test(after);
    if (quoted) {
      const viaStart = mark.close + 1 + quoted.index + quoted[0].indexOf(quoted[1]!);
      const speakerStart = mark.close + 1 + quoted[0].indexOf(quoted[3]!, quoted[0].indexOf(quoted[2]!));
      speaker = readSpeaker(text, speakerStart, speakerStart + quoted[3]!.length, history);
      const relay = readSpeaker(text, viaStart, viaStart + quoted[1]!.length, history);
      if (relay.speaker) via = [relay.speaker];
      const cueStart = mark.close + 1 + quoted[0].indexOf(quoted[2]!, quoted[0].indexOf(quoted[1]!) + quoted[1]!.length);
      cue = span(text, cueStart, cueStart + quoted[2]!.length);
    } else if (cueAfter && !introduced && !ended && !/^\s*[,.!?]?\s*[A-Z][a-z]+\s+[a-z]+\s+[a-z]+\s+[a-z]+/.test(after.slice(0, cueAfter.index)) && wordCount(cueAfter[3] ?? cueAfter[2] ?? '') <= 12) {
      const base = mark.close + 1;
      if (cueAfter[1]) {
        const cueStart = base + cueAfter[0].indexOf(cueAfter[1]);
        cue = span(text, cueStart, cueStart + cueAfter[1].length);
        const spStart = base + cueAfter[0].indexOf(cueAfter[2]!, cueStart - base + cueAfter[1].length);
        speaker = readSpeaker(text, spStart, spStart + cueAfter[2]!.length, history, text.slice(spStart + cueAfter[2]!.length));
      } else {
        const spStart = base + cueAfter[0].indexOf(cueAfter[3]!);
        const cueStart = base + cueAfter[0].lastIndexOf(cueAfter[4]!);
        cue = span(text, cueStart, cueStart + cueAfter[4]!.length);
        speaker = readSpeaker(text, spStart, spStart + cueAfter[3]!.length, history, text.slice(cueStart));
      }
      via = relaysIn(text, mark.close + 1, Math.min(text.length, (sentence?.end ?? mark.close + 200)), located);
    }
    // 3. X said: "..." / X told Reuters that "..." / a cue earlier in the sentence (partial quote).
    if (!speaker.speaker) {
      const before = text.slice(sStart, mark.open);
      const verbs = [...before.matchAll(new RegExp(String.raw`(?<![-\w])(${SPEECH}|according to)\b`, 'g'))];
      const v = verbs[verbs.length - 1];
      if (v) {
        const verbStart = sStart + v.index;
        if (v[1] === 'according to') {
          const m = /^according to\s+([^,]{2,80})/.exec(text.slice(verbStart, mark.open));
          if (m) speaker = readSpeaker(text, verbStart + 13, verbStart + 13 + m[1]!.length, history);
        } else {
          const [a, b] = phraseBefore(text, sStart, verbStart);
          speaker = readSpeaker(text, a, b, history, text.slice(verbStart));
        }
        cue = span(text, verbStart, verbStart + v[1]!.length);
        via = relaysIn(text, sStart, mark.open, located);
      }
    }
    // 4. A paragraph that is only a quotation continues the speaker of the one before.
    const paragraphStart = text.lastIndexOf('\n', mark.open) + 1;
    const onlyQuote = text.slice(paragraphStart, mark.open).trim() === '' && /^\s*(?:\n|$)/.test(text.slice(mark.close + 1, mark.close + 3));
    let confidence = speaker.resolved === 'name' ? 0.9 : speaker.resolved === 'anonymous' ? 0.85 : speaker.resolved === 'pronoun' || speaker.resolved === 'description' ? 0.75 : 0.4;
    if (!speaker.speaker && lastDirect && ((onlyQuote && paragraphStart - lastDirect.paragraphEnd < 400) || continuesQuotation(text, lastDirect, mark.open))) {
      speaker = { ...lastDirect.speaker, mention: null };
      confidence = 0.6;
    }
    // Scare quotes and titles ("the 'Wrath of Euphrates' attack") are not statements.
    if (wordCount(content) < 4 && !cue) continue;
    if (wordCount(content) < 2) continue;
    push(
      {
        start: mark.start,
        end: mark.end,
        text: content,
        direct: true,
        speaker: speaker.speaker,
        speakerEntity: speaker.speakerEntity,
        speakerMention: speaker.mention,
        role: speaker.role,
        anonymous: speaker.anonymous,
        cue: cue?.text ?? null,
        cueSpan: cue,
        via,
        confidence,
      },
      speaker,
    );
    covered.push([mark.open, mark.close + 1]);
    if (speaker.speaker) lastDirect = { speaker, close: mark.close, paragraphEnd: text.indexOf('\n', mark.close) < 0 ? text.length : text.indexOf('\n', mark.close) };
  }

  // Reported speech, sentence by sentence: from the parse where the sentence has one.
  const inDirect = (a: number, b: number) => covered.some(([s, e]) => a < e && s < b);
  const syntaxOf = new Map(input.syntax.map((x) => [x.sentence, x]));
  for (const sentence of sentences) {
    const parsed = syntaxOf.get(sentence.index);
    const found = parsed
      ? reportedStatements(text, parsed).map((st) => ({ ...st, after: text.slice(st.speaker[1]) }))
      : surfaceStatements(text, sentence, history);
    for (const f of found) {
      const [from, ce] = trimSpan(text, f.content[0], f.content[1], /[\s,;:"“”]/);
      // "adding that ..." opens the content of a statement read as one clause with the cue before it.
      const cs = from + (ADDING.exec(text.slice(from, ce))?.[0].length ?? 0);
      if (ce <= cs || wordCount(text.slice(cs, ce)) < 4 || NOT_CONTENT.test(text.slice(cs, ce))) continue;
      // A quotation inside reported speech ('said the "container bombs" used ...') is part of the statement, which
      // starts before its mark: the statement replaces it. A statement that starts at a quotation is that quotation.
      const inside = covered.filter(([a, b]) => cs < a && b <= ce + 1);
      if (inDirect(cs, ce) && inside.length === 0) continue;
      for (const [a] of inside) {
        const k = quotes.findIndex((q) => q.direct && q.start > a && q.start <= a + 2);
        if (k >= 0) quotes.splice(k, 1);
      }
      // The parse may cut a name ("The Syrian Observatory" + "for Human Rights"): the phrase takes in every mention it touches.
      let [sa, sb] = f.speaker;
      for (const m of located) if (m.start < sb && m.end > sa) [sa, sb] = [Math.min(sa, m.start), Math.max(sb, m.end)];
      const sp = readSpeaker(text, sa, sb, history, f.after);
      if (!sp.speaker) continue;
      // A speaker phrase must look like one: a name, pronoun, description or unnamed source, not a clause.
      if (sp.resolved === 'description' && !sp.anonymous && !/^(?:the|a|an)\s|^\p{Lu}/u.test(sp.speaker)) continue;
      const cue = span(text, f.cue[0], f.cue[1]);
      push(
        {
          start: cs,
          end: ce,
          text: text.slice(cs, ce),
          direct: false,
          speaker: sp.speaker,
          speakerEntity: sp.speakerEntity,
          speakerMention: sp.mention,
          role: sp.role,
          anonymous: sp.anonymous,
          cue: cue.text,
          cueSpan: cue,
          via: relaysIn(text, sentence.start, sentence.end, located).filter((v) => v !== sp.speaker),
          confidence: sp.resolved === 'name' || sp.resolved === 'anonymous' ? 0.75 : 0.6,
        },
        sp,
      );
    }
  }
  for (const p of pronouns) {
    const k = quotes.findIndex((q) => q.start === p.start);
    const a = antecedent(history, p.at, p.want, null, p.gender, p.start);
    if (k >= 0 && a) quotes[k] = { ...quotes[k]!, speaker: a.speaker, speakerEntity: a.speakerEntity, role: a.role, anonymous: a.anonymous };
  }
  return bodiesReferredTo(text, afterStatements(text, quotes.sort((a, b) => a.order - b.order)), located).map(({ order: _order, ...q }) => q);
}

/**
 * 'She said new mothers were already entitled to 12 months leave. "We have made a firm commitment."': a quotation
 * with no speaker right after a statement that ends its sentence, nothing but marks and punctuation between, is
 * the same voice. Quotes in text order.
 */
function afterStatements<Q extends Quote>(text: string, quotes: readonly Q[]): Q[] {
  return quotes.map((q, k) => {
    if (!q.direct || q.speaker !== null || k === 0) return q;
    const before = quotes[k - 1]!;
    if (!before.speaker || before.end > q.start || !/^[\s.,;:!?"“”’']*$/.test(text.slice(before.end, q.start))) return q;
    return { ...q, speaker: before.speaker, speakerEntity: before.speakerEntity, role: before.role, anonymous: before.anonymous, confidence: CONTINUED_CONFIDENCE };
  });
}

/**
 * "The monitor said", "the Britain-based monitoring group said": a description of an organisation speaks for the
 * organisation it describes. That is, in order: the one named right before it ("The Syrian Observatory for Human
 * Rights, a Britain-based monitor, said": an apposition); one whose name holds the description's head noun ("the
 * observatory"), the nearest before, else the first after; else the nearest named organisation speaker before it,
 * else (a lead written before the name: "... a monitor said. The Syrian Observatory for Human Rights said ...")
 * the first after it.
 */
function bodiesReferredTo<Q extends Quote>(text: string, quotes: readonly Q[], located: readonly Located[]): Q[] {
  const orgs = located.filter((m) => m.entity.type === 'ORG');
  const orgIds = new Set(orgs.map((m) => m.entity.id));
  const named = quotes.filter((q) => q.speakerEntity !== null && !q.anonymous && orgIds.has(q.speakerEntity));
  return quotes.map((q) => {
    // "the monitor", and "a spokesperson for the monitor".
    const head = headOf(q.speaker ?? '');
    const bodyHead = BODY_DESCRIPTIONS.has(head) ? head : SPOKES_HEADS.has(head) ? headOf(/\b(?:for|of)\s+(.+)$/i.exec(q.speaker ?? '')?.[1] ?? '') : '';
    if (q.speakerEntity || !q.speaker || !BODY_DESCRIPTIONS.has(bodyHead) || /\b(?:unnamed|anonymous)\b/i.test(q.speaker)) return q;
    const at = q.speakerMention?.start ?? q.start;
    const refer = (e: Entity) => ({ ...q, speaker: e.name, speakerEntity: e.id, anonymous: false, role: q.role });
    // Set off by a comma, bracket or dash; or, where the comma was lost, the name opens the clause.
    const apposed = orgs.find((m) => {
      const gap = text.slice(m.end, at);
      if (m.end > at || gap.length > 4 || !/^[\s,(—–-]*$/.test(gap)) return false;
      const lead = text.slice(Math.max(0, m.start - 80), m.start);
      return /[,(—–-]/.test(gap) || /(?:^|[.!?:;\n]["”’]?)\s*(?:the\s+)?$/i.test(lead);
    });
    if (apposed) return refer(apposed.entity);
    const headNoun = new RegExp(`\\b${escapeRegExp(bodyHead)}\\b`, 'i');
    const holding = orgs.filter((m) => headNoun.test(m.entity.name));
    const holder = holding.filter((m) => m.end <= at).at(-1) ?? holding.find((m) => m.start > at);
    if (holder) return refer(holder.entity);
    const before = named.filter((n) => n.start < q.start).at(-1);
    const ref = before ?? named.find((n) => n.start > q.start);
    return ref ? { ...q, speaker: ref.speaker, speakerEntity: ref.speakerEntity, anonymous: false, role: q.role } : q;
  });
}
