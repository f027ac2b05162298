/**
 * The cleaning stage: a cascade of named gates over the lines of the body
 * candidate. Each gate drops (or, for glued debris, trims) lines it is sure
 * are not the article, and records every removal as `Removed {text, reason,
 * gate}`. Patterns live in ./patterns/*.json; this module holds only the
 * rules that need position (what comes before or after a line).
 *
 * Precision first: a gate only fires on a whole-line pattern match or on a
 * structural signal that real prose does not give (a line right above a photo
 * credit, a comma list after the last sentence of the article). The cleaned
 * text keeps the article's own words unchanged; only whitespace is
 * normalised.
 */
import type { Doc, Removed } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import bannerPatterns from './patterns/banner.json' with { type: 'json' };
import captionPatterns from './patterns/caption.json' with { type: 'json' };
import chromePatterns from './patterns/chrome.json' with { type: 'json' };
import creditPatterns from './patterns/credit.json' with { type: 'json' };
import debrisPatterns from './patterns/debris.json' with { type: 'json' };
import relatedPatterns from './patterns/related.json' with { type: 'json' };
import tagsPatterns from './patterns/tags.json' with { type: 'json' };

// ---------------------------------------------------------------------------
// Patterns as data

interface PatternSpec {
  readonly id: string;
  readonly re: string;
  readonly flags: string;
  readonly maxWords?: number;
}

export interface LinePattern {
  readonly id: string;
  readonly re: RegExp;
  readonly maxWords: number;
}

/** Compiles the pattern list of a JSON file; a bad pattern names its file and id. */
export function compilePatterns(file: string, specs: readonly PatternSpec[]): LinePattern[] {
  return specs.map((spec) => {
    try {
      return { id: spec.id, re: new RegExp(spec.re, spec.flags), maxWords: spec.maxWords ?? Infinity };
    } catch (error) {
      throw new Error(`pattern "${spec.id}" in ${file} is not a valid regular expression: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
}

/** The id of the first pattern that matches the whole (normalised) line, or null. */
export function firstMatch(patterns: readonly LinePattern[], line: string): string | null {
  for (const pattern of patterns) {
    if (pattern.re.test(line) && wordCount(line) <= pattern.maxWords) return pattern.id;
  }
  return null;
}

const CHROME = compilePatterns('chrome.json', chromePatterns.patterns);
const BANNER = compilePatterns('banner.json', bannerPatterns.patterns);
const CREDIT = compilePatterns('credit.json', creditPatterns.patterns);
const CAPTION = compilePatterns('caption.json', captionPatterns.patterns);
const TAGS = compilePatterns('tags.json', tagsPatterns.patterns);
const RELATED = compilePatterns('related.json', relatedPatterns.patterns);

interface DebrisRule {
  readonly id: string;
  readonly reason: string;
  readonly re: RegExp;
}
const compileDebris = (specs: readonly { id: string; reason: string; re: string; flags: string }[]): DebrisRule[] =>
  compilePatterns('debris.json', specs).map((p, i) => ({ id: p.id, re: p.re, reason: specs[i]!.reason }));
const DEBRIS_SUFFIXES = compileDebris(debrisPatterns.suffixes);
const DEBRIS_PREFIXES = compileDebris(debrisPatterns.prefixes);

/**
 * True when a line is page furniture by its wording alone (chrome, banner,
 * credit, caption, tag list or related-link label). Text extraction uses it
 * so that such a line is never taken for a headline.
 */
export function isBoilerplateLine(line: string): boolean {
  const normalised = normaliseLine(line);
  return [CHROME, BANNER, CREDIT, CAPTION, TAGS, RELATED].some((patterns) => firstMatch(patterns, normalised) !== null);
}

// ---------------------------------------------------------------------------
// Lines and prose

/** One non-empty line of the body; `block` numbers the blank-line separated paragraph it came from. */
export interface Line {
  readonly text: string;
  readonly block: number;
}

/** Whitespace (including no-break spaces) collapsed to single spaces, trimmed. */
export function normaliseLine(line: string): string {
  return line.replace(/\s+/gu, ' ').trim();
}

export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

const SENTENCE_END = /[.!?…]["”’')\]]*$|[.!?…]\s*\[[^\]]*\]$/u;

/** Share of the longer words (4+ letters) that start with a capital: high for headlines. */
function capitalisedShare(line: string): number {
  const words = line.match(/\p{L}{4,}/gu) ?? [];
  if (words.length === 0) return 0;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length;
}

/**
 * A line that reads as running text: it ends a sentence and is not a short
 * label. A title-cased question or exclamation is a headline ("What Next
 * for the Talks?"), not prose.
 */
export function isProse(line: string): boolean {
  const words = wordCount(line);
  if (words >= 30) return true;
  if (!SENTENCE_END.test(line) || words < 6) return false;
  return !(/[?!]["”’')]*$/u.test(line) && capitalisedShare(line) >= 0.6);
}

/** Splits a body into normalised, non-empty lines tagged with their paragraph block. */
export function toLines(body: string): Line[] {
  const lines: Line[] = [];
  body
    .replace(/\r\n?/gu, '\n')
    .split(/\n[^\S\n]*\n/u)
    .forEach((block, blockIndex) => {
      for (const raw of block.split('\n')) {
        const text = normaliseLine(raw);
        if (text !== '') lines.push({ text, block: blockIndex });
      }
    });
  return lines;
}

/**
 * A block whose lines are all of similar, terminal-length width was wrapped
 * by its source (newswire, e-mail): its lines are one paragraph. Otherwise a
 * line break inside a block separates paragraphs.
 */
function isHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1);
  return body.every((l) => l.length >= 40 && l.length <= 100) && lines.every((l) => l.length <= 100);
}

/** Rebuilds the text: paragraphs joined by a blank line, wrapped blocks unwrapped. */
export function toText(lines: readonly Line[]): string {
  const paragraphs: string[] = [];
  let start = 0;
  while (start < lines.length) {
    let end = start + 1;
    while (end < lines.length && lines[end]!.block === lines[start]!.block) end++;
    const block = lines.slice(start, end).map((l) => l.text);
    if (isHardWrapped(block)) paragraphs.push(block.join(' '));
    else paragraphs.push(...block);
    start = end;
  }
  return paragraphs.join('\n\n');
}

// ---------------------------------------------------------------------------
// Gates

export interface GateResult {
  readonly lines: Line[];
  readonly removed: Removed[];
}

export interface Gate {
  readonly name: string;
  /** What the gate removes, for logs and documentation. */
  readonly removes: string;
  apply(lines: readonly Line[]): GateResult;
}

/** A gate that drops every line matching one of its patterns. */
function patternGate(name: string, reason: string, patterns: readonly LinePattern[], removes: string): Gate {
  return {
    name,
    removes,
    apply(lines) {
      const kept: Line[] = [];
      const removed: Removed[] = [];
      for (const line of lines) {
        if (firstMatch(patterns, line.text) !== null) removed.push({ text: line.text, reason, gate: name });
        else kept.push(line);
      }
      return { lines: kept, removed };
    },
  };
}

/** Index of the last prose line; lines after it form the article's tail. */
function lastProseIndex(lines: readonly Line[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (isProse(lines[i]!.text)) return i;
  return -1;
}

const debrisGate: Gate = {
  name: 'debris',
  removes: 'widget labels glued to the start or end of a real line; only the glued part',
  apply(lines) {
    const kept: Line[] = [];
    const removed: Removed[] = [];
    for (const line of lines) {
      let text = line.text;
      // Repeat: a line can carry several glued labels ("...Read AlsoCommunity standards").
      for (let changed = true; changed && text !== ''; ) {
        changed = false;
        for (const rule of DEBRIS_SUFFIXES) {
          const match = rule.re.exec(text);
          if (match && match[0].trim() !== '') {
            removed.push({ text: match[0].trim(), reason: rule.reason, gate: 'debris' });
            text = text.slice(0, match.index).trim();
            changed = true;
          }
        }
        for (const rule of DEBRIS_PREFIXES) {
          const match = rule.re.exec(text);
          if (match && match[0].trim() !== '') {
            removed.push({ text: match[0].trim(), reason: rule.reason, gate: 'debris' });
            text = text.slice(match[0].length).trim();
            changed = true;
          }
        }
      }
      if (text !== '') kept.push({ text, block: line.block });
    }
    return { lines: kept, removed };
  },
};

const creditGate = patternGate('credit', 'credit', CREDIT, 'photo and image credit lines');

const captionGate: Gate = {
  name: 'caption',
  removes: 'photo captions, by wording or by standing directly above a credit line',
  apply(lines) {
    const { maxWords } = captionPatterns.aboveCredit;
    const removedIndexes = new Set<number>();
    lines.forEach((line, i) => {
      if (firstMatch(CAPTION, line.text) !== null) removedIndexes.add(i);
    });
    // Position signal: the credit gate has already run, so a credit is found
    // by matching again here; the caption is the line above it.
    lines.forEach((line, i) => {
      const next = lines[i + 1];
      if (!next || firstMatch(CREDIT, next.text) === null || firstMatch(CREDIT, line.text) !== null) return;
      const sameBlock = next.block === line.block;
      const captionLike = !SENTENCE_END.test(line.text) && wordCount(line.text) <= maxWords;
      if (sameBlock || captionLike) removedIndexes.add(i);
    });
    return splitByIndex(lines, removedIndexes, 'caption', 'caption');
  },
};

/** Caption detection needs the credit lines, so this gate is the credit gate plus the caption rule run together. */
const captionAndCreditGate: Gate = {
  name: 'caption+credit',
  removes: 'captions (first) and then the credit lines that identified them',
  apply(lines) {
    const captions = captionGate.apply(lines);
    const credits = creditGate.apply(captions.lines);
    return { lines: credits.lines, removed: [...captions.removed, ...credits.removed] };
  },
};

function splitByIndex(lines: readonly Line[], indexes: ReadonlySet<number>, reason: string, gate: string): GateResult {
  const kept: Line[] = [];
  const removed: Removed[] = [];
  lines.forEach((line, i) => {
    if (indexes.has(i)) removed.push({ text: line.text, reason, gate });
    else kept.push(line);
  });
  return { lines: kept, removed };
}

/** An unlabelled topic list: many short comma-separated items and no sentence end. */
export function isTopicList(line: string): boolean {
  const { minItems, maxWordsPerItem } = tagsPatterns.trailingList;
  if (SENTENCE_END.test(line) || /[:;"“”]/u.test(line)) return false;
  const items = line.split(',').map((s) => s.trim());
  return items.length >= minItems && items.every((item) => item !== '' && wordCount(item) <= maxWordsPerItem);
}

const tagsGate: Gate = {
  name: 'tags',
  removes: 'keyword lines and the topic list after the last prose line',
  apply(lines) {
    const tailStart = lastProseIndex(lines) + 1;
    const indexes = new Set<number>();
    lines.forEach((line, i) => {
      if (firstMatch(TAGS, line.text) !== null || (i >= tailStart && isTopicList(line.text))) indexes.add(i);
    });
    return splitByIndex(lines, indexes, 'tags', 'tags');
  },
};

/** A teaser headline: a few words, no sentence-final period or colon. */
function isHeadlineLike(line: string): boolean {
  const { minWords, maxWords } = relatedPatterns.trailingBlock;
  const words = wordCount(line);
  return words >= minWords && words <= maxWords && !/[.:;,]["”’')]*$/u.test(line);
}

const relatedGate: Gate = {
  name: 'related',
  removes: 'related-story links and the trailing block of headline-like lines',
  apply(lines) {
    const indexes = new Set<number>();
    lines.forEach((line, i) => {
      if (firstMatch(RELATED, line.text) !== null) indexes.add(i);
    });
    // The trailing block: headline-like lines after the last prose line. A
    // single such line may be the article's last subheading or sign-off, so a
    // block needs several lines to count.
    const tailStart = lastProseIndex(lines) + 1;
    const tail = lines.slice(tailStart).map((l, k) => ({ line: l, index: tailStart + k }));
    const headlines = tail.filter(({ line, index }) => !indexes.has(index) && isHeadlineLike(line.text));
    const others = tail.filter(({ line, index }) => !indexes.has(index) && !isHeadlineLike(line.text));
    if (headlines.length >= relatedPatterns.trailingBlock.minLines && others.length === 0) {
      for (const { index } of headlines) indexes.add(index);
    }
    return splitByIndex(lines, indexes, 'related', 'related');
  },
};

/**
 * The cascade, in order. The order matters:
 * 1. debris first: a label glued to a real line ("...said.Community
 *    standards") hides the line's true end from every later gate, and a line
 *    made only of labels disappears here.
 * 2. banner and chrome: whole-line furniture, independent of position.
 * 3. caption+credit: captions are found by the credit line below them, so
 *    captions are judged before credits are dropped.
 * 4. tags before related: both look at the tail after the last prose line;
 *    a topic list is not headline-like, so it must be gone before the
 *    trailing headline block can be recognised as the whole tail.
 * 5. related last: it needs the tail cleared of every other kind of debris.
 */
export const GATES: readonly Gate[] = [
  debrisGate,
  patternGate('banner', 'banner', BANNER, 'site banners and breadcrumb trails'),
  patternGate('chrome', 'chrome', CHROME, 'players, share/follow widgets, newsletter, cookie and comment prompts, ad slots'),
  captionAndCreditGate,
  tagsGate,
  relatedGate,
];

/** Runs the gates over a body; pure. */
export function cleanBody(body: string, gates: readonly Gate[] = GATES): { text: string; removed: Removed[] } {
  let lines = toLines(body);
  const removed: Removed[] = [];
  for (const gate of gates) {
    const result = gate.apply(lines);
    lines = result.lines;
    removed.push(...result.removed);
  }
  return { text: toText(lines), removed };
}

export const cleanStage: Stage = {
  name: 'clean',
  requires: ['extracted'],
  assigns: ['text', 'removed'],
  uses: [],
  run(doc: Doc): Doc {
    if (!doc.extracted) throw new Error(`clean: ${doc.raw.input} has no extracted body`);
    const { text, removed } = cleanBody(doc.extracted.body);
    return { ...doc, text, removed: [...doc.extracted.removed, ...removed] };
  },
};
