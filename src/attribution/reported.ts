/**
 * Reported speech read from the dependency parse: "X said (that) CLAUSE",
 * "CLAUSE, X said", "X told Reuters CLAUSE", "X accused Y of ...",
 * "according to X, CLAUSE" / "CLAUSE according to X".
 *
 * A cue is a verb of the speech lexicon (nlp/data/speech.json, use "clause")
 * that the tagger reads as a verb, or "according to". Its source is its
 * subject (nsubj; the agent of a passive; for "... and said" / "adding that"
 * the subject of the verb it continues). Its content is its clausal
 * complement (ccomp) when the parse has one; a cue that comes after its
 * content ("CLAUSE a monitor said Thursday") owns the words before its
 * subject; a cue followed by words that the parse did not make a clause
 * (FA-KES text lost its commas, so "said three children and two women were
 * among the dead" parses as an object) owns what follows it. Offsets are
 * into the document text; the speaker phrase is read by the caller.
 *
 * Pure: one sentence's text offsets and its syntax in, statements out.
 */
import type { SentenceSyntax } from '../core/doc.js';
import { dependencyView as viewOf, subtree, type DependencyView as View } from '../nlp/dependency.js';
import { speechCues } from '../nlp/speech.js';

export interface Statement {
  /** The cue's character span. */
  readonly cue: readonly [number, number];
  /** The source phrase's character span. */
  readonly speaker: readonly [number, number];
  readonly content: readonly [number, number];
}

const CLAUSE_CUES = new Set(speechCues('clause'));
/** Cues whose object is the content: "accused the regime of ...", "blamed the attack on ...". */
const OBJECT_CUES = new Set(['accused', 'accuses', 'blamed', 'blames', 'urged', 'urges', 'condemned', 'condemns']);
/** Cues whose indirect object or object is the addressee: "told Reuters (that) ...". */
const ADDRESS_CUES = new Set(['told', 'tells', 'tell', 'informed', 'assured']);
/** "The attack claimed the lives of 18 civilians": objects with which a speech verb means something else. */
const NOT_SPEECH_OBJECTS = new Set(['life', 'lives']);
const SUBJECTS = new Set(['nsubj', 'nsubj:outer']);
/** Relations by which a cue continues another verb and shares its subject. */
const CONTINUES = new Set(['conj', 'advcl', 'xcomp']);
/** A sentence-initial dateline ("AFP Saturday 11 Jul 2015", "Fri Feb 27 2015") that is not content. */
const DATELINE = /^(?:[^.!?]{0,160}?\b(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\s+\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\s+\d{1,2},?\s+\d{4}))(?:\s*(?:[-–—:|]|\(\w+\))\s*)?/;
const MIN_WORDS = 4;

/** A relative clause or participle after `head` ("an official who asked not to be named"): not part of its phrase. */
const relativeOf = (v: View, head: number) => (c: number) => c > head && (v.rel(c) === 'acl:relcl' || v.rel(c) === 'acl');

/** The character span of words [from, to] with punctuation trimmed off both ends; null when nothing is left. */
function spanOf(v: View, from: number, to: number): [number, number] | null {
  while (from <= to && v.upos(from) === 'PUNCT') from++;
  while (to >= from && v.upos(to) === 'PUNCT') to--;
  return from > to ? null : [v.syntax.start[from]!, v.syntax.end[to]!];
}

const words = (v: View, from: number, to: number) => {
  let k = 0;
  for (let i = from; i <= to; i++) if (v.upos(i) !== 'PUNCT') k++;
  return k;
};

/** The subject of cue `i` (the nearest before it, when the parse gives two): its own, a passive's agent, or that of the verb it continues. */
function subjectOf(v: View, i: number): number | null {
  for (let at = i, hops = 0; at >= 0 && hops < 3; hops++) {
    // Of two subjects the parse gave (a headline glued to the lead), the one nearest before the verb.
    // A relative pronoun the parse made a second subject ("The Center which publishes news ... said") is not the speaker.
    const all = v.children[at]!.filter((c) => SUBJECTS.has(v.rel(c)));
    const subjects = all.length > 1 ? all.filter((c) => !RELATIVE_WORDS.has(v.form(c).toLowerCase()) && v.form(c).toLowerCase() !== 'that') : all;
    const subject = subjects.filter((c) => c < at).at(-1) ?? subjects[0];
    if (subject !== undefined) return subject;
    const agent = v.children[at]!.find((c) => v.rel(c) === 'obl:agent');
    if (agent !== undefined) return agent;
    if (!CONTINUES.has(v.rel(at))) return null;
    at = v.syntax.head[at]!;
  }
  return null;
}

const NOMINAL_EDGE = new Set(['NOUN', 'PROPN', 'PRON']);
const NOMINAL_INSIDE = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);

/**
 * A noun phrase right before cue `i` that the parse attached elsewhere ("... held by the Islamic State group a
 * monitor said": "monitor" read as a modifier of "held"): its head word, or null. Only where the parse gives the
 * cue no subject.
 */
function phraseBeforeCue(v: View, i: number): number | null {
  const head = i - 1;
  if (head < 0 || !NOMINAL_EDGE.has(v.upos(head))) return null;
  return head;
}

/** The first word of the noun phrase ending at `head` that the parse did not attach: back over at most five modifiers, to its determiner when it has one ("a monitor", not "... group a monitor"). */
function phraseStart(v: View, head: number): number {
  let from = head;
  while (from > 0 && head - from < 5 && NOMINAL_INSIDE.has(v.upos(from - 1))) from--;
  for (let k = head; k >= from; k--) if (v.upos(k) === 'DET') return k;
  return from;
}

/** Auxiliaries and adverbs between a subject and its cue ("has also said") are not part of the speaker. */
const BETWEEN = new Set(['aux', 'aux:pass', 'advmod', 'punct', 'cc', 'mark']);

/**
 * The speaker phrase: the subject's subtree without a relative clause or participle after it. A subject right
 * before its cue runs up to the cue, so a name the parse left beside the head noun ("Harbour master" + "Tomas Vik",
 * two subjects) stays in the phrase.
 */
function speakerSpan(v: View, subject: number, cue: number, attached: boolean): [number, number] | null {
  if (!attached) return spanOf(v, phraseStart(v, subject), subject);
  const ws = subtree(v, subject, relativeOf(v, subject));
  let to = ws[ws.length - 1]!;
  if (subject < cue && v.syntax.head[subject] === cue) {
    to = cue - 1;
    while (to > subject && BETWEEN.has(v.rel(to)) && v.syntax.head[to] === cue) to--;
    // A relative clause of the subject stays out ("A senior official who asked not to be named said").
    const relative = v.children[subject]!.find(relativeOf(v, subject));
    if (relative !== undefined) to = Math.min(to, subtree(v, relative)[0]! - 1);
  }
  return spanOf(v, ws[0]!, to);
}

/** Content that starts the sentence: after a dateline the sentence may open with. */
function openingContent(text: string, v: View, to: number): [number, number] | null {
  let from = 0;
  const lead = DATELINE.exec(text.slice(v.syntax.start[0]!, v.syntax.end[Math.max(0, to)]!));
  if (lead) {
    const at = v.syntax.start[0]! + lead[0].length;
    while (from < to && v.syntax.start[from]! < at) from++;
  }
  return words(v, from, to) >= MIN_WORDS ? spanOf(v, from, to) : null;
}

/**
 * Content that follows cue `i`: past its addressee ("told Reuters"), a time ("said Sunday") and "that"; a "that"
 * before the clause the parse found (`clause`) ends whatever comes between ("said in a statement that ..."). The
 * content runs to the sentence's end: the parse may cut the clause at a word it attached elsewhere.
 */
function contentAfter(v: View, i: number, form: string, clause: number | null): [number, number] | null {
  const last = v.n - 1;
  let from = i + 1;
  if (ADDRESS_CUES.has(form)) {
    const addressee = v.children[i]!.find((c) => (v.rel(c) === 'obj' || v.rel(c) === 'iobj') && c > i);
    if (addressee !== undefined) from = subtree(v, addressee, relativeOf(v, addressee)).at(-1)! + 1;
  }
  if (clause !== null) {
    const first = subtree(v, clause, (c) => v.rel(c) === 'mark').find((w) => w > i) ?? clause;
    for (let k = from; k < first; k++) if (v.form(k).toLowerCase() === 'that') from = k + 1;
  }
  // Words that modify the cue itself ("said Sunday", "said also") are not content; "more than forty" is.
  const ofCue = (k: number) => v.syntax.head[k] === i && (v.rel(k) === 'obl:unmarked' || v.rel(k) === 'advmod');
  for (let guard = 0; from <= last && guard < v.n; guard++) {
    if (ofCue(from) || v.form(from).toLowerCase() === 'that' || v.upos(from) === 'PUNCT') from++;
    // "said at a news briefing on Tuesday (that) ...": a phrase about the saying, not what was said.
    else if (v.upos(from) === 'ADP' && v.syntax.head[v.syntax.head[from]!] === i) from = subtree(v, v.syntax.head[from]!).at(-1)! + 1;
    else break;
  }
  if (words(v, from, last) < MIN_WORDS) return null;
  // What was said is a clause: it has a verb.
  let verb = false;
  for (let k = from; k <= last && !verb; k++) verb = v.upos(k) === 'VERB' || v.upos(k) === 'AUX';
  return verb ? spanOf(v, from, last) : null;
}

/** Relations of phrases that tell where, when or how something was said: "said at a news briefing on Tuesday". */
const ABOUT_SAYING = new Set(['obl', 'obl:unmarked', 'obl:tmod', 'advmod']);
/** Cues whose object is the one told, not what was said: a noun after them (the parse may call it anything) is. */
const TELLING_CUES = new Set(['told', 'tells', 'tell']);
const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON']);

/** Whether the words from `from` to the sentence's end are few (a time: "said Thursday") or only phrases about cue `i`. */
function aboutTheSaying(v: View, i: number, from: number): boolean {
  if (words(v, from, v.n - 1) <= 3) return true;
  const covered = new Set<number>();
  // "..., Ms Hewitt told GMTV's Sunday programme": whom it was told to is about the saying too.
  const addressed = TELLING_CUES.has(v.form(i).toLowerCase());
  for (const c of v.children[i]!) {
    if (c >= from && (ABOUT_SAYING.has(v.rel(c)) || (addressed && NOMINAL.has(v.upos(c))))) for (const w of subtree(v, c)) covered.add(w);
  }
  for (let k = from; k < v.n; k++) if (!covered.has(k) && v.upos(k) !== 'PUNCT') return false;
  return true;
}

/** Cues that news writes before their source ("..., said the ministry"); others take an object there ("claimed the lives"). */
const INVERTING_CUES = new Set(['said', 'says', 'added', 'adds', 'explained', 'noted', 'stated', 'continued', 'wrote', 'warned', 'insisted', 'reported', 'stressed', 'confirmed']);
/** Words a noun phrase may hold: "the Britain-based Syrian Observatory for Human Rights", "Rami Abdel Rahman, its head". */
const NOUN_PHRASE = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'ADP', 'CCONJ', 'PART', 'PUNCT']);
const RELATIVE_WORDS = new Set(['which', 'who', 'whose']);
/** "said Sunday", "said last week": a time after the cue is not its source. */
const TIME_WORD = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day|^(?:today|tonight|yesterday|week|weekend|month|year|morning|evening|night|afternoon)$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/**
 * The source of an inverted closing cue: "CLAUSE said the Syrian Observatory for Human Rights (, which ...)."
 * After cue `i` comes only a noun phrase that holds a name or a noun, up to the end of the sentence or a relative
 * clause: its word range, or null. The parse is not asked, because it often reads the clause's last noun
 * as the cue's subject when the comma before the cue is lost ("killed 10 civilians said the Observatory").
 */
function invertedSource(v: View, i: number): [number, number] | null {
  if (i < MIN_WORDS || i + 1 >= v.n) return null;
  const first = i + 1;
  if (v.upos(first) !== 'DET' && v.upos(first) !== 'PROPN') return null;
  let to = first;
  let nominal = false;
  for (let k = first; k < v.n; k++) {
    if (RELATIVE_WORDS.has(v.form(k).toLowerCase()) && k > first) break;
    if (!NOUN_PHRASE.has(v.upos(k))) return null;
    if ((v.upos(k) === 'NOUN' || v.upos(k) === 'PROPN') && !TIME_WORD.test(v.form(k))) nominal = true;
    to = k;
  }
  return nominal ? [first, to] : null;
}

/** The statements that sentence `s` reports. */
export function reportedStatements(text: string, s: SentenceSyntax): Statement[] {
  const v = viewOf(text, s);
  const out: Statement[] = [];
  const last = v.n - 1;
  for (let i = 0; i < v.n; i++) {
    const form = v.form(i).toLowerCase();
    // "according to X": X is the head of "according" (case/fixed), or the word after "to".
    if (form === 'according' && i + 2 <= last && v.form(i + 1).toLowerCase() === 'to') {
      const head = v.syntax.head[i]!;
      const source = head > i + 1 ? head : i + 2;
      const ws = subtree(v, source, (c) => c < i || SUBJECTS.has(v.rel(c)) || v.rel(c) === 'ccomp');
      let end = ws[ws.length - 1]!;
      // The source phrase stops at a comma: "according to the Observatory, which ..."
      for (let k = i + 2; k <= end; k++) if (v.form(k) === ',') end = k - 1;
      const speaker = spanOf(v, i + 2, end);
      if (!speaker) continue;
      const content = i <= 1 ? (words(v, end + 1, last) >= MIN_WORDS ? spanOf(v, end + 1, last) : null) : openingContent(text, v, i - 1);
      if (content) out.push({ cue: [s.start[i]!, s.end[i + 1]!], speaker, content });
      continue;
    }
    if (v.upos(i) !== 'VERB' || !(CLAUSE_CUES.has(form) || OBJECT_CUES.has(form))) continue;
    // ", adding that ...", ", saying ...": a participle continues the statement before it, whatever the parse attached it to.
    if (form.endsWith('ing') && out.length > 0) {
      const content = contentAfter(v, i, form, null);
      if (!content) continue;
      // The statement before ends where this one's cue begins.
      const before = out[out.length - 1]!;
      const cut = spanOf(v, Math.max(0, v.syntax.start.findIndex((x) => x >= before.content[0])), i - 1);
      out[out.length - 1] = { ...before, content: cut && cut[1] > before.content[0] ? [before.content[0], Math.min(before.content[1], cut[1])] : before.content };
      out.push({ cue: [s.start[i]!, s.end[i]!], speaker: before.speaker, content });
      continue;
    }
    const rel = v.rel(i);
    // "the so-called ...", "a reported attack": a cue inside a noun phrase reports nothing.
    if (rel === 'amod' || rel === 'acl' || rel === 'acl:relcl' || rel === 'compound') continue;
    const inverted = INVERTING_CUES.has(form) ? invertedSource(v, i) : null;
    if (inverted) {
      const speaker = spanOf(v, inverted[0], inverted[1]);
      const content = openingContent(text, v, i - 1);
      if (speaker && content) out.push({ cue: [s.start[i]!, s.end[i]!], speaker, content });
      continue;
    }
    const parsed = subjectOf(v, i);
    const subject = parsed ?? phraseBeforeCue(v, i);
    if (subject === null) continue;
    const speaker = speakerSpan(v, subject, i, parsed !== null);
    if (!speaker) continue;
    const cue: [number, number] = [s.start[i]!, s.end[i]!];
    // A clause after the cue first: the parse may also hang a word before it as a clause ("The British-based ...").
    const ccomp = v.children[i]!.find((c) => (v.rel(c) === 'ccomp' || v.rel(c) === 'parataxis') && c > i) ?? v.children[i]!.find((c) => v.rel(c) === 'ccomp');
    const subjectWords = parsed === null ? [phraseStart(v, subject)] : subtree(v, subject);
    const subjectStart = subjectWords[0]!;
    // The cue and its subject close the sentence: "CLAUSE(,) a monitor said (Thursday)." / "CLAUSE, said the Observatory."
    const closing = Math.min(subjectStart, i) > 0 && aboutTheSaying(v, i, Math.max(i, subjectWords[subjectWords.length - 1]!) + 1);
    let content: [number, number] | null = null;
    if (OBJECT_CUES.has(form)) {
      const obj = v.children[i]!.find((c) => v.rel(c) === 'obj' && c > i);
      if (obj !== undefined) content = words(v, obj, last) >= MIN_WORDS ? spanOf(v, subtree(v, obj)[0]!, last) : null;
    } else if (closing) {
      content = openingContent(text, v, Math.min(subjectStart, i) - 1);
    } else if (ccomp !== undefined && ccomp > i) {
      content = contentAfter(v, i, form, ccomp);
    } else if (ccomp !== undefined) {
      const ws = subtree(v, ccomp);
      const to = Math.min(ws[ws.length - 1]!, subjectStart - 1);
      content = ws[0] === 0 ? openingContent(text, v, to) : words(v, ws[0]!, to) >= MIN_WORDS ? spanOf(v, ws[0]!, to) : null;
    } else if (subject < i && !v.children[i]!.some((c) => v.rel(c) === 'obj' && NOT_SPEECH_OBJECTS.has(v.form(c).toLowerCase()))) {
      // "X said three children were among the dead" (FA-KES lost the commas the parse needs): what follows the cue.
      content = contentAfter(v, i, form, null);
    }
    if (content) out.push({ cue, speaker, content });
  }
  return out;
}
