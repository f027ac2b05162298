/**
 * Typed events, sentence by sentence.
 *
 * A trigger (data/triggers.json: CAMEO verbs and a hand-kept list of the
 * words of war news) makes an event unless its sentence is a question or its
 * clause voids it: a negation ("did not attack"), a modal or an intention
 * ("may be liberated", "vowed to attack"), a denial or a condition ("denied
 * that", "if"), read from the parse (clause.ts) and, for what the parse
 * misses, from the words before the trigger. A clause that only gives the
 * story's background is no event either: the war's running toll, a count of
 * happenings, a "since" clause, an "as"/"when" clause dated half a year or
 * more before publication.
 *
 * Roles come from the parse where it names a party (clause.ts): actor = the
 * subject, a passive's agent, the subject of a light verb ("carried out an
 * attack"), or of the verb a participle continues; target = the object, a
 * passive's subject, "on"/"against"/"from" phrases; a town acted on is the
 * place, not a target. Where the parse names none, by word order:
 *   - actor: the nearest entity before the trigger that is not a place
 *     written after a locative ("in Raqqa"); in the passive ("was captured
 *     by the army") the entity after "by" is the actor and the subject the
 *     target;
 *   - targets: entities after the trigger up to an attribution ("..., the
 *     army said"), places after a locative left out ("seized the town of
 *     Mayadeen from Islamic State" -> Islamic State);
 * Place: the first resolved place of the trigger's locative dependents or
 * its patient, else the resolved place in the sentence nearest the trigger,
 * preferring one after a locative ("in/near/of X"). Date: a time expression
 * of the trigger's own clause, else the nearest of the sentence that has a
 * value, else the recent day an earlier sentence told of (`date=lead`, see inheritedDays), else the publication
 * day (noted in `source` as `date=article`).
 * Casualties: counts stated with killed/dead/wounded/injured.
 * Generic violence (kill, shoot) only makes an event when the sentence has
 * no more specific trigger, and becomes harm to civilians when the sentence
 * names civilians. One event per type and sentence: the most confident; an
 * article's tellings of one happening are one event (oncePerHappening,
 * toldOnce).
 */
import type { Doc, Entity, NewsEvent, Place, Sentence, SentenceSyntax, Span, TimeExpression, Token } from '../core/doc.js';
import cues from './data/cues.json' with { type: 'json' };
import { speechCues } from '../nlp/speech.js';
import { casualtiesIn } from './casualties.js';
import { readClause, type ClauseCues, type ClauseReading } from './clause.js';
import { dependencyView, wordAt, type DependencyView } from '../nlp/dependency.js';
import { findTriggers, lemmatise, TRIGGERS, type TriggerMatch, type Triggers } from './triggers.js';

export const EVENT_SOURCE = 'events-v1';

const set = (words: readonly string[]) => new Set(words);
const NEGATORS = set(cues.negators);
const NEAR_NEGATORS = set(cues.nearNegators);
const MODALS = set(cues.modals);
const INTENTIONS = set(cues.intentions);
const NEED_TO = set(cues.needTo);
const DENIALS = set(cues.denials);
const CONDITIONALS = set(cues.conditionals);
const BREAKS = set(cues.clauseBreaks);
const BE = set(cues.beForms);
const BY = set(cues.agentPrepositions);
const LOCATIVES = set(cues.locatives);
const PREPOSITIONS = set(cues.prepositions);
const ARTICLES = new Set(['the', 'a', 'an']);
const ATTRIBUTION = set(speechCues('event-attribution'));
const CIVILIANS = set(cues.civilians);
const MILITARY = set(cues.militaryHeads);
const AIR_CONTEXT = set(cues.airContext);
const AIR_HEADS = set(cues.airHeads);
const TOLL_MARKS = set(cues.tollMarks);
const WHOLE_WARS = set(cues.wholeWars);
const PERFECT = set(cues.perfect);
const HABITUAL = set(cues.habitual);
const HAPPENING_HEADS = set(cues.happeningHeads);
/** How many words before a trigger a habitual adverb is looked for, within its clause. */
const HABIT_WINDOW = 12;
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(Object.entries(cues.numbers));
const CLAUSE_CUES: ClauseCues = {
  negators: NEGATORS,
  nearNegators: NEAR_NEGATORS,
  modals: MODALS,
  intentions: INTENTIONS,
  denials: DENIALS,
  conditionals: CONDITIONALS,
  locatives: LOCATIVES,
  lightVerbs: set(cues.lightVerbs),
  backgroundMarks: set(cues.backgroundMarks),
  sinceMarks: set(cues.sinceMarks),
};
/** How long before publication a subordinate clause's own date makes it background, in days. */
const BACKGROUND_DAYS = 180;

/** Types of violent happenings: a generic telling ("the attack", "were killed") refers to one of them. */
const VIOLENT = new Set(['armed-clash', 'airstrike', 'shelling', 'bombing', 'chemical-attack', 'civilian-harm']);

/** Entity types that can act or be acted on. */
const PARTY_TYPES = new Set(['ORG', 'GPE', 'NORP', 'PERSON']);
/** How far back a negation or modal reaches inside its clause, in tokens. */
const LOOK_BACK = 6;
const NEAR = 2;

/** The layers the extractor reads. */
export type EventInput = Pick<Doc, 'text' | 'sentences' | 'tokens' | 'syntax' | 'entities' | 'places' | 'dates' | 'meta'>;

interface SentenceMention {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity;
  /** Index of the mention's first token in the sentence's tokens. */
  readonly first: number;
  /** Index after its last token. */
  readonly last: number;
  /** Lower-case word before the mention and its article, '' at the start. */
  readonly before: string;
}

/** Lower-case form of a token; upper-case words ("IS", "US") keep their case so they never read as "is"/"us". */
const word = (t: Token | undefined): string => (t === undefined ? '' : t.text.length > 1 && t.text === t.text.toUpperCase() && /\p{L}/u.test(t.text) ? t.text : t.text.toLowerCase());

/** Why a trigger does not make an event, or null when it does. */
export function voidedBy(tokens: readonly Token[], first: number, triggers: Triggers = TRIGGERS): string | null {
  const words = tokens.map(word);
  const t = words[first]!.toLowerCase();
  if (words[first - 1] === 'to' && !t.endsWith('ing') && lemmatise(t, triggers) === t) return 'infinitive';
  for (let k = first - 1; k >= 0; k--) {
    const w = words[k]!;
    if (DENIALS.has(w)) return `denial:${w}`;
    if (CONDITIONALS.has(w)) return `condition:${w}`;
  }
  for (let k = first - 1; k >= Math.max(0, first - LOOK_BACK); k--) {
    const w = words[k]!;
    if (BREAKS.has(w)) break;
    if (NEGATORS.has(w)) return `negation:${w}`;
    if (NEAR_NEGATORS.has(w) && first - k <= NEAR) return `negation:${w}`;
    if (MODALS.has(w)) return `modal:${w}`;
    if (NEED_TO.has(w) ? words[k + 1] === 'to' : INTENTIONS.has(w)) return `intention:${w}`;
  }
  return null;
}

/** A question ends with a question mark, perhaps inside closing quotes. */
export const isQuestion = (s: Sentence): boolean => /\?["'”’)\]]*\s*$/.test(s.text);

/** The trigger is a participle after a form of "be" ("was captured", "were killed"). */
function isPassive(tokens: readonly Token[], m: TriggerMatch): boolean {
  const t = tokens[m.first]!.text.toLowerCase();
  const participle = /(?:ed|en)$/.test(t) || (TRIGGERS.forms.has(t) && !/(?:s|ing)$/.test(t));
  if (!participle) return false;
  for (let k = m.first - 1; k >= Math.max(0, m.first - 3); k--) {
    const w = word(tokens[k]);
    if (BE.has(w)) return true;
    if (!/ly$/.test(w) && w !== 'also' && w !== 'reportedly') return false;
  }
  return false;
}

function mentionsIn(sentence: Sentence, tokens: readonly Token[], entities: readonly Entity[]): SentenceMention[] {
  const out: SentenceMention[] = [];
  for (const entity of entities) {
    for (const m of entity.mentions) {
      if (m.start < sentence.start || m.end > sentence.end) continue;
      const first = tokens.findIndex((t) => t.end > m.start);
      if (first < 0) continue;
      let last = first;
      while (last < tokens.length && tokens[last]!.start < m.end) last++;
      // The word before, past articles: "by the army" and "in the city of X" read "by" and "of".
      let b = first - 1;
      while (b >= 0 && ARTICLES.has(word(tokens[b]))) b--;
      out.push({ start: m.start, end: m.end, entity, first, last, before: b >= 0 ? word(tokens[b]) : '' });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The id an actor mention stands for. A demonym before an armed-force word
 * ("Syrian troops") is the force itself when the article names one whose
 * name or alias is the demonym and that word or "army" ("Syrian Army").
 */
function partyId(m: SentenceMention, tokens: readonly Token[], entities: readonly Entity[]): string {
  if (m.entity.type !== 'NORP') return m.entity.id;
  const head = word(tokens[m.last]);
  if (!MILITARY.has(head)) return m.entity.id;
  const wanted = new Set([`${m.entity.name} ${head}`, `${m.entity.name} army`].map((s) => s.toLowerCase()));
  const force = entities.find((e) => e.type === 'ORG' && [e.name, ...e.aliases].some((a) => wanted.has(a.toLowerCase())));
  return force ? force.id : m.entity.id;
}

interface Roles {
  readonly actors: string[];
  readonly targets: string[];
}

function rolesOf(tokens: readonly Token[], m: TriggerMatch, mentions: readonly SentenceMention[], placeIds: ReadonlySet<string>, entities: readonly Entity[]): Roles {
  const words = tokens.map(word);
  const isLocatedPlace = (x: SentenceMention) => placeIds.has(x.entity.id) && LOCATIVES.has(x.before);
  const parties = mentions.filter((x) => PARTY_TYPES.has(x.entity.type));
  // A place after any preposition is where or what, not who ("the battle for Raqqa").
  const subject = [...parties].reverse().find((x) => x.last <= m.first && !(placeIds.has(x.entity.id) && PREPOSITIONS.has(x.before)));
  // Entities after the trigger, up to an attribution ("..., the army said").
  let stop = tokens.length;
  for (let k = m.last; k < tokens.length; k++) if (ATTRIBUTION.has(words[k]!)) { stop = k; break; }
  const after = parties.filter((x) => x.first >= m.last && x.first < stop);
  const agentAt = (x: SentenceMention) => BY.has(x.before) || (m.entry.swap === true && words[m.last - 1] === 'to' && x.before === 'to');
  const agent = after.find((x) => agentAt(x) && x.first - m.last <= 4);
  const passive = isPassive(tokens, m) || m.entry.swap === true;
  const id = (x: SentenceMention) => partyId(x, tokens, entities);
  let actors: string[];
  let targets: string[];
  if (passive) {
    actors = agent ? [id(agent)] : [];
    targets = subject ? [id(subject)] : [];
  } else {
    actors = subject ? [id(subject)] : agent ? [id(agent)] : [];
    targets = after.filter((x) => x !== agent && !isLocatedPlace(x)).map(id);
  }
  targets = [...new Set(targets.filter((t) => !actors.includes(t)))].slice(0, 3);
  return { actors, targets };
}

function placeOf(m: TriggerMatch, tokens: readonly Token[], mentions: readonly SentenceMention[], places: ReadonlyMap<string, Place>, taken: readonly string[]): string | null {
  const at = tokens[m.first]!.start;
  let best: { id: string; score: number } | null = null;
  for (const x of mentions) {
    if (!places.has(x.entity.id) || taken.includes(x.entity.id)) continue;
    const distance = Math.abs(x.start - at);
    const score = LOCATIVES.has(x.before) ? distance * 0.3 : distance;
    if (!best || score < best.score) best = { id: x.entity.id, score };
  }
  return best?.id ?? null;
}

function dateOf(m: TriggerMatch, tokens: readonly Token[], dates: readonly TimeExpression[], publishedAt: string | null): { value: string | null; note: string } {
  const at = tokens[m.first]!.start;
  const own = dates.filter((d) => d.value !== null).sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
  if (own) return { value: own.value, note: `date=${own.grain}` };
  const day = publishedAt ? /^\d{4}-\d{2}-\d{2}/.exec(publishedAt)?.[0] : undefined;
  return day ? { value: day, note: 'date=article' } : { value: null, note: 'date=none' };
}

const round = (n: number) => Number(n.toFixed(3));

/** The trigger's words as written. */
function triggerSpan(text: string, tokens: readonly Token[], m: TriggerMatch): Span {
  const start = tokens[m.first]!.start;
  const end = tokens[m.last - 1]!.end;
  return { start, end, text: text.slice(start, end) };
}

/** The parse's word at a trigger's first token, -1 when none. */
function triggerWord(m: TriggerMatch, tokens: readonly Token[], syntax: SentenceSyntax): number {
  const at = tokens[m.first]!.start;
  for (let w = 0; w < syntax.start.length; w++) if (syntax.start[w]! >= at) return w;
  return -1;
}

const relationOf = (syntax: SentenceSyntax, w: number) => syntax.tables.deprel[syntax.deprel[w]!] ?? 'dep';

/**
 * A trigger that describes a participant rather than telling a happening, read from the parse: an adjective
 * ("the besieged town", "two besieged towns") or an ongoing activity that qualifies a noun ("Syrian Kurds fighting
 * the IS group made fresh advances", "the coalition fighting Islamic State").
 */
function describesParticipant(m: TriggerMatch, tokens: readonly Token[], syntax: SentenceSyntax | null): boolean {
  if (!syntax || m.last - m.first !== 1) return false;
  const w = triggerWord(m, tokens, syntax);
  if (w < 0 || syntax.start[w] !== tokens[m.first]!.start) return false;
  const rel = relationOf(syntax, w);
  // "the ceasefire zone", "the White Helmets rescue group": a noun that modifies another names no happening, unless
  // that noun is the munition or attack it was, or an undertaking ("two mortar rounds hit", "a rescue operation").
  if (rel === 'compound') return !HAPPENING_HEADS.has((syntax.lemma[syntax.head[w]!] ?? '').toLowerCase());
  return rel === 'amod' || (rel === 'acl' && syntax.tables.xpos[syntax.xpos[w]!] === 'VBG');
}

/** Relations by which a clause stands beside another as a happening of its own: "X shelled A and Y stormed B". */
const COORDINATE = new Set(['conj', 'parataxis']);

/**
 * The triggers that name the sentence's happenings, read from the parse: a nominal or participle trigger that
 * depends on another trigger without being coordinated with it is a means or a detail of that happening, not an
 * event of its own ("retook the town after intense fighting and Russian airstrikes" is one capture; "an air strike
 * ..., killing nine people" one air strike). Without a parse, all are kept.
 */
function mainHappenings(found: readonly TriggerMatch[], tokens: readonly Token[], syntax: SentenceSyntax | null): TriggerMatch[] {
  if (!syntax || found.length < 2) return [...found];
  const rel = (w: number) => relationOf(syntax, w);
  const scored = found.map((m) => ({ m, w: triggerWord(m, tokens, syntax) }));
  // A statement frames what it reports ("announced that troops had seized the town"): it absorbs nothing.
  const triggerWords = new Set(scored.filter((x) => x.w >= 0 && x.m.entry.type !== 'statement').map((x) => x.w));
  const detail = (w: number, depth = 0): boolean => {
    for (let at = syntax.head[w]!, hops = 0; at >= 0 && hops < 64; at = syntax.head[at]!, hops++) {
      if (!triggerWords.has(at)) continue;
      // Coordinated with the trigger right above it: what that one is ("shelled A and stormed B"; "fighting and airstrikes").
      return at === syntax.head[w] && COORDINATE.has(rel(w)) ? depth < 8 && detail(at, depth + 1) : true;
    }
    return false;
  };
  // Means are told as nouns ("after intense fighting") or participles ("killing 23 civilians"); a finite verb is a happening.
  const verbal = (w: number) => syntax.tables.upos[syntax.upos[w]!] === 'VERB' && syntax.tables.xpos[syntax.xpos[w]!] !== 'VBG';
  return scored.filter((x) => x.w < 0 || verbal(x.w) || !detail(x.w)).map((x) => x.m);
}

/** The article speaks of aircraft ("warplanes", "air strikes"): its aerial triggers ("the raid", "the strike") are air strikes. */
export function speaksOfAircraft(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.text.toLowerCase();
    if (AIR_CONTEXT.has(w) || (w === 'air' && AIR_HEADS.has(tokens[i + 1]?.text.toLowerCase() ?? ''))) return true;
  }
  return false;
}

const YEAR = /^(?:1[89]|20)\d\d$/;
const numberValue = (w: string): number | null => (/^\d[\d,]*$/.test(w) ? Number(w.replace(/,/g, '')) : (NUMBER_WORDS.get(w) ?? null));

/**
 * Why a trigger tells the story's background rather than a happening, or null: the war's running toll, in the
 * present perfect and counted over the whole war or from its start ("more than 280000 people have been killed
 * since the conflict erupted in 2011", "... in Syria's three-year war"); or a count of happenings, which is a
 * statistic ("135 attacks on health facilities in 2015").
 */
export function backgroundOf(tokens: readonly Token[], m: TriggerMatch, type: string): string | null {
  const words = tokens.map(word);
  if (VIOLENT.has(type)) {
    let perfect = false;
    for (let k = m.first - 1; k >= Math.max(0, m.first - 4) && !BREAKS.has(words[k]!); k--) if (PERFECT.has(words[k]!)) perfect = true;
    if (perfect) {
      for (let k = 0; k < words.length; k++) {
        if (WHOLE_WARS.has(words[k]!)) return `toll:${words[k]}`;
        if (TOLL_MARKS.has(words[k]!) && words.slice(k + 1, k + 6).some((w) => YEAR.test(w) || w === 'then')) return `toll:${words[k]}`;
      }
    }
  }
  // "is regularly targeted in strikes", "frequently deploy artillery": a habit, not one happening.
  for (let k = m.first - 1; k >= Math.max(0, m.first - HABIT_WINDOW) && !BREAKS.has(words[k]!); k--) if (HABITUAL.has(words[k]!)) return `habit:${words[k]}`;
  const last = words[m.last - 1]!;
  const count = numberValue(words[m.first - 1] ?? '');
  if (m.last - m.first === 1 && /s$/.test(last) && lemmatise(last) !== last && count !== null && count >= 3 && !YEAR.test(words[m.first - 1]!)) return 'count';
  return null;
}

const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'his', 'her', 'their', 'this', 'that']);

/** A statement named as the source of a report ("said in a statement", "according to the statement") is how something was said. */
function framesReport(tokens: readonly Token[], m: TriggerMatch): boolean {
  if (m.entry.type !== 'statement' || !/^statements?$/.test(word(tokens[m.first]))) return false;
  const before = word(tokens[m.first - 1]);
  const frame = word(tokens[m.first - 2]);
  return DETERMINERS.has(before) && (frame === 'in' || (frame === 'to' && word(tokens[m.first - 3]) === 'according'));
}

/** The parse's reading of a trigger, with the view to place the sentence's mentions and dates on its words. */
interface Parsed {
  readonly reading: ClauseReading;
  readonly v: DependencyView;
  readonly wordOf: (offset: number) => number;
}

function parsedOf(v: DependencyView | null, m: TriggerMatch, tokens: readonly Token[]): Parsed | null {
  if (!v) return null;
  const w = wordAt(v.syntax, tokens[m.first]!.start);
  if (w < 0 || v.syntax.start[w] !== tokens[m.first]!.start) return null;
  return { reading: readClause(v, w, CLAUSE_CUES), v, wordOf: (offset) => wordAt(v.syntax, offset) };
}

/**
 * Actors and targets from the parse: the parties named in the first agent and patient phrases that name any
 * (a coordinated subject gives each of its parties); a place after a locative is where, not who. Null when the
 * parse names no party, so that the word-order reading stands in.
 */
function parsedRoles(p: Parsed, mentions: readonly SentenceMention[], places: ReadonlyMap<string, Place>, id: (x: SentenceMention) => string): Roles {
  const parties = mentions.filter((x) => PARTY_TYPES.has(x.entity.type) && !(places.has(x.entity.id) && PREPOSITIONS.has(x.before)));
  const named = (phrases: readonly (readonly number[])[], keep: (x: SentenceMention) => boolean) => {
    for (const words of phrases) {
      const inside = parties.filter((x) => keep(x) && words.includes(p.wordOf(x.start)));
      if (inside.length > 0) return [...new Set(inside.map(id))].slice(0, 3);
    }
    return [];
  };
  const actors = named(p.reading.agents, () => true);
  // A town or a province acted on is where it happened ("seized Raqqa", "shelled Douma"); a country may be a party.
  const targets = named(p.reading.patients, (x) => (places.get(x.entity.id)?.kind ?? 'country') === 'country').filter((t) => !actors.includes(t));
  return { actors, targets };
}

/** The place the parse gives: the first resolved place in the trigger's locative dependents or its patient. */
function parsedPlace(p: Parsed, mentions: readonly SentenceMention[], places: ReadonlyMap<string, Place>, taken: readonly string[]): string | null {
  for (const words of p.reading.locations) {
    const found = mentions.find((x) => places.has(x.entity.id) && !taken.includes(x.entity.id) && words.includes(p.wordOf(x.start)));
    if (found) return found.entity.id;
  }
  return null;
}

/**
 * The sentence's dates as the parse places them: those of the trigger's own clause, and those outside the clauses
 * under its predicate ("troops who had seized it in 2014 retook the town on Sunday": 2014 dates the seizure only).
 */
function datesOfClause(p: Parsed, dates: readonly TimeExpression[]): { own: TimeExpression[]; usable: TimeExpression[] } {
  const { clause, predicate } = p.reading;
  const under = (w: number) => {
    for (let at = w, hops = 0; at >= 0 && hops < 64; at = p.v.head(at), hops++) if (at === predicate) return true;
    return false;
  };
  const own = dates.filter((d) => clause.has(p.wordOf(d.start)));
  return { own, usable: dates.filter((d) => own.includes(d) || !under(p.wordOf(d.start))) };
}

/** A subordinate clause dated by its own words more than half a year before publication is the story's background. */
function isBackground(own: readonly TimeExpression[], publishedAt: string | null): boolean {
  const day = publishedAt ? Date.parse(publishedAt.slice(0, 10)) : NaN;
  if (Number.isNaN(day)) return false;
  return own.some((d) => {
    if (d.value === null) return false;
    // A year or a month counts from its first day: "2014" is 2014-01-01.
    const at = Date.parse(d.value.split('/')[0]!.slice(0, 10).padEnd(10, '-01'));
    return !Number.isNaN(at) && day - at > BACKGROUND_DAYS * 86_400_000;
  });
}

/** One telling of a happening, with what the merge of an article's tellings needs to know of it. */
interface Telling {
  readonly event: NewsEvent;
  /** Said by a generic word ("the attack", "were killed", "the raid"): it may refer to a happening told more precisely. */
  readonly refers: boolean;
  /** Its date comes from its own sentence, not from the publication day. */
  readonly dated: boolean;
  /** Named as something already told ("the raids", "that attack"): it refers back wherever it took place. */
  readonly definite: boolean;
}

const ANAPHORIC = new Set(['the', 'this', 'that', 'these', 'those']);
/** "the raids", "that deadly attack": a definite word right before the trigger, or one adjective before. */
const isDefinite = (tokens: readonly Token[], m: TriggerMatch) => ANAPHORIC.has(word(tokens[m.first - 1])) || ANAPHORIC.has(word(tokens[m.first - 2]));

/** The events of one sentence. */
function sentenceTellings(doc: EventInput, sentence: Sentence, tokens: readonly Token[], triggers: Triggers, syntax: SentenceSyntax | null, aircraft: boolean): Telling[] {
  if (tokens.length === 0 || isQuestion(sentence)) return [];
  const found = findTriggers(tokens, triggers).filter((m) => m.entry.type !== 'none' && voidedBy(tokens, m.first, triggers) === null && !framesReport(tokens, m) && !describesParticipant(m, tokens, syntax));
  if (found.length === 0) return [];
  const specific = found.some((m) => !m.entry.generic);
  const kept = found.filter((m) => !m.entry.generic || !specific);
  const places = new Map(doc.places.map((p) => [p.entity, p]));
  const placeIds = new Set(places.keys());
  const mentions = mentionsIn(sentence, tokens, doc.entities);
  const dates = doc.dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  const casualties = casualtiesIn(tokens);
  const civilians = tokens.some((t) => CIVILIANS.has(t.text.toLowerCase()));
  const best = new Map<string, Telling>();
  const view = syntax ? dependencyView(doc.text, syntax) : null;
  for (const m of mainHappenings(kept, tokens, syntax)) {
    const type = m.entry.aerial && aircraft ? 'airstrike' : m.entry.generic && civilians && !m.entry.aerial ? 'civilian-harm' : m.entry.type;
    if (backgroundOf(tokens, m, type) !== null) continue;
    const parsed = parsedOf(view, m, tokens);
    if (parsed && (parsed.reading.voided !== null || CLAUSE_CUES.sinceMarks.has(parsed.reading.subordinate ?? ''))) continue;
    const clauseDates = parsed ? datesOfClause(parsed, dates) : null;
    if (parsed?.reading.subordinate && clauseDates && isBackground(clauseDates.own, doc.meta.publishedAt)) continue;
    // The parse's roles where it names a party, else the reading by word order.
    const byOrder = rolesOf(tokens, m, mentions, placeIds, doc.entities);
    const byParse = parsed ? parsedRoles(parsed, mentions, places, (x) => partyId(x, tokens, doc.entities)) : null;
    const actors = byParse && byParse.actors.length > 0 ? byParse.actors : byOrder.actors;
    const placeActedOn = (t: string) => (places.get(t)?.kind ?? 'country') !== 'country';
    const targets = byParse && byParse.targets.length > 0 ? byParse.targets : byOrder.targets.filter((t) => !actors.includes(t) && !placeActedOn(t));
    const place = (parsed && parsedPlace(parsed, mentions, places, actors)) ?? placeOf(m, tokens, mentions, places, actors);
    // The trigger's own clause dates it; else the nearest date of the sentence, as the parse may attach a time elsewhere.
    const date = dateOf(m, tokens, clauseDates?.own.some((d) => d.value !== null) ? clauseDates.own : dates, doc.meta.publishedAt);
    const confidence = Math.min(0.95, 0.25 + 0.45 * m.entry.strength + (actors.length > 0 ? 0.15 : 0) + (place ? 0.1 : 0) + (date.note === 'date=article' || date.note === 'date=none' ? 0 : 0.05));
    const event: NewsEvent = {
      type,
      date: date.value,
      place,
      actors,
      targets,
      casualties,
      sentence: { start: sentence.start, end: sentence.end },
      trigger: triggerSpan(doc.text, tokens, m),
      source: `${EVENT_SOURCE}:${m.entry.source}:${date.note}`,
      confidence: round(confidence),
    };
    const prior = best.get(type);
    if (!prior || event.confidence > prior.event.confidence) best.set(type, { event, refers: m.entry.generic === true || type === 'civilian-harm', dated: date.note !== 'date=article' && date.note !== 'date=none', definite: isDefinite(tokens, m) });
  }
  return [...best.values()];
}

/** Every event of a document, in sentence order. */
export function extractEvents(doc: EventInput, triggers: Triggers = TRIGGERS): NewsEvent[] {
  const bySentence = new Map<number, Token[]>();
  for (const t of doc.tokens) {
    const list = bySentence.get(t.sentence);
    if (list) list.push(t);
    else bySentence.set(t.sentence, [t]);
  }
  const syntaxOf = new Map(doc.syntax.map((x) => [x.sentence, x]));
  const aircraft = speaksOfAircraft(doc.tokens);
  const all = doc.sentences.flatMap((s) => sentenceTellings(doc, s, bySentence.get(s.index) ?? [], triggers, syntaxOf.get(s.index) ?? null, aircraft));
  const places = new Map(doc.places.map((p) => [p.entity, p]));
  return toldOnce(oncePerHappening(withoutRepeats(doc.text, inheritedDays(all, doc.meta.publishedAt))), places).map((t) => t.event);
}

/** How many days before publication a day may lie for the sentences after it to go on telling of it. */
const NEWS_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * News dates the lead and lets the sentences after it go on in that day: "Terrorists shelled the city yesterday ...
 * Shells hit al-Razi Hospital". A telling dated only by the publication day takes the day of the nearest dated
 * telling before it, when that day is a recent one (within NEWS_DAYS before publication), not background.
 */
function inheritedDays(tellings: readonly Telling[], publishedAt: string | null): Telling[] {
  const published = publishedAt ? Date.parse(publishedAt.slice(0, 10)) : NaN;
  if (Number.isNaN(published)) return [...tellings];
  let day: string | null = null;
  return tellings.map((t) => {
    const value = t.event.date;
    if (t.dated) {
      const at = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value) : NaN;
      day = !Number.isNaN(at) && at <= published && published - at <= NEWS_DAYS * DAY_MS ? value : null;
      return t;
    }
    if (!day || !t.event.source.endsWith('date=article') || day === value) return t;
    return { ...t, event: { ...t.event, date: day, source: t.event.source.replace(/date=article$/, 'date=lead') } };
  });
}

/** The fewest words a repeated sentence needs to be taken for a repeat, not a common phrase. */
const REPEAT_MIN_WORDS = 6;
const normalised = (s: string) => ` ${s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/**
 * A page that prints its text twice (a recap with its dates, then the same lines without them; a teaser and the
 * body) tells each happening once: a telling whose sentence is the same words as an earlier telling's sentence, or
 * part of it, with the same type and trigger, is that telling. The one dated by its own sentence stands.
 */
function withoutRepeats(text: string, tellings: readonly Telling[]): Telling[] {
  const out: Telling[] = [];
  const words = new Map<Telling, string>();
  const sentenceOf = (t: Telling) => {
    let w = words.get(t);
    if (w === undefined) words.set(t, (w = normalised(text.slice(t.event.sentence.start, t.event.sentence.end))));
    return w;
  };
  for (const t of tellings) {
    const mine = sentenceOf(t);
    const k = mine.trim().split(' ').length < REPEAT_MIN_WORDS
      ? -1
      : out.findIndex((o) => {
          if (o.event.type !== t.event.type || o.event.trigger?.text.toLowerCase() !== t.event.trigger?.text.toLowerCase()) return false;
          if (o.event.sentence.start === t.event.sentence.start) return false;
          const theirs = sentenceOf(o);
          return theirs.includes(mine) || (mine.includes(theirs) && theirs.trim().split(' ').length >= REPEAT_MIN_WORDS);
        });
    if (k < 0) {
      out.push(t);
      continue;
    }
    const prior = out[k]!;
    const [base, other] = t.dated && !prior.dated ? [t, prior] : [prior, t];
    out[k] = { ...base, event: filledIn(base.event, other.event, base.event.place ?? other.event.place) };
  }
  return out;
}

/**
 * An article tells one happening several times (the lead, the details, a recap): events of the same type on the
 * same day, at the same place or where one of them names none, are one event; generic tellings only with generic
 * ones.
 */
function oncePerHappening(tellings: readonly Telling[]): Telling[] {
  const out: Telling[] = [];
  for (const t of tellings) {
    const e = t.event;
    // A generic telling is left to toldOnce, which finds the precise one it refers to (the nearest, whatever its type).
    const k = out.findIndex(({ event: o, refers }) => refers === t.refers && o.type === e.type && o.date === e.date && (o.place === e.place || o.place === null || e.place === null));
    if (k < 0) {
      out.push(t);
      continue;
    }
    // The most confident telling stands for the happening (its sentence, trigger and roles); the others fill what it lacks.
    const prior = out[k]!;
    const [base, other] = e.confidence > prior.event.confidence ? [t, prior] : [prior, t];
    out[k] = { event: filledIn(base.event, other.event, base.event.place ?? other.event.place), refers: base.refers && other.refers, dated: base.dated || other.dated, definite: base.definite && other.definite };
  }
  return out;
}

/** `base` with the roles it lacks taken from `other`. */
function filledIn(base: NewsEvent, other: NewsEvent, place: string | null): NewsEvent {
  return {
    ...base,
    place,
    actors: base.actors.length > 0 ? base.actors : other.actors,
    targets: base.targets.length > 0 ? base.targets : other.targets,
    casualties: base.casualties?.killed || base.casualties?.wounded ? base.casualties : other.casualties,
  };
}

/**
 * A generic telling ("the attack", "the raid", "at least six people had been killed") of a violent happening the
 * article tells more precisely elsewhere is that happening: it is folded into the nearest precise telling before it
 * (else after it) whose day agrees (any day when the generic one has no date of its own) and whose place agrees
 * (the same, one of them unnamed, or one a country; any place when it is named as told already, "the raids");
 * the finer place is kept. A generic telling with no such
 * happening stands as an event of its own.
 */
function toldOnce(tellings: readonly Telling[], places: ReadonlyMap<string, Place>): Telling[] {
  const anchors = tellings.map((t, i) => ({ t, i })).filter(({ t }) => !t.refers && VIOLENT.has(t.event.type));
  const merged = new Map<number, NewsEvent>(anchors.map(({ t, i }) => [i, t.event]));
  const broad = (id: string | null) => id === null || places.get(id)?.kind === 'country';
  const placeAgrees = (a: string | null, b: string | null) => a === b || broad(a) || broad(b);
  const dropped = new Set<number>();
  tellings.forEach((t, i) => {
    if (!t.refers || !VIOLENT.has(t.event.type)) return;
    const fits = anchors.filter(({ i: j }) => {
      const a = merged.get(j)!;
      return (!t.dated || a.date === t.event.date) && (t.definite || placeAgrees(a.place, t.event.place));
    });
    const before = fits.filter(({ i: j }) => j < i).at(-1);
    const target = before ?? fits.find(({ i: j }) => j > i);
    if (!target) return;
    const a = merged.get(target.i)!;
    merged.set(target.i, filledIn(a, t.event, broad(a.place) && t.event.place !== null ? t.event.place : a.place));
    dropped.add(i);
  });
  return tellings.flatMap((t, i) => (dropped.has(i) ? [] : [merged.has(i) ? { ...t, event: merged.get(i)! } : t]));
}
