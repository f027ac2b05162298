/**
 * A story's extractive summary and its title.
 *
 * Summary: centroid-based sentence extraction over all the story's articles.
 * Every sentence is a TF-IDF vector over content words, with document
 * frequencies counted over the story's own sentences (a word that is in every
 * sentence of this story says little about any one of them, whatever its
 * frequency elsewhere). The centroid gives each article the same say, so one
 * long piece does not pull the summary its way. A sentence scores its cosine
 * to the centroid plus a small prior for coming early in its article: news is
 * written lead first. Sentences that read badly out of context are never
 * candidates: too short or too long, questions, sentences that are mostly
 * someone's quoted words (including the middle of a quote that runs over
 * several sentences), and captions or page debris that cleaning left behind.
 * Selection is maximal marginal relevance against what is already chosen, and
 * a sentence too close to a chosen one (the same wire copy in two outlets) is
 * never picked at all. The chosen sentences are returned in reading order:
 * by publication time of their article (unknown last), then in article order.
 *
 * Title: the article title that best matches the summary, when one is usable;
 * otherwise a headline cut from a top summary sentence: any dateline
 * ("BEIRUT (Reuters) -") and closing attribution (", officials said")
 * removed, cut at a clause boundary near twelve words. Of the sentences that
 * score close to the best, the one that cuts most cleanly wins: a whole
 * short sentence, then a main clause, then a cut inside one.
 */
import type { ArticleRecord } from '../core/record.js';
import { splitSentences } from '../nlp/sentences.js';
import { contentWords } from './cluster.js';

export interface SummarySentence {
  readonly text: string;
  /** Id of the article the sentence comes from. */
  readonly article: string;
  /** Offsets into that article's `text`: `text === article.text.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  /** Relevance: cosine to the story centroid plus the lead prior. */
  readonly score: number;
}

export interface SummaryOptions {
  /** How many sentences at most (default 5). */
  readonly maxSentences?: number;
}

export type SummaryArticle = Pick<ArticleRecord, 'id' | 'title' | 'text' | 'publishedAt' | 'outlet'>;
export type TitleArticle = Pick<ArticleRecord, 'id' | 'title' | 'text'>;

const DEFAULT_MAX_SENTENCES = 5;
/** Sentence length bounds, in words: shorter ones lack context, longer ones are run-ons or lists. */
const MIN_WORDS = 8;
const MAX_WORDS = 60;
/** A sentence with more than this share of its letters inside quotation marks is a quote, not a report. */
const MAX_QUOTED_SHARE = 0.5;
/** Weight of the lead prior 1 / (1 + position); small next to a cosine, enough to break near ties toward the lead. */
const LEAD_WEIGHT = 0.1;
/** MMR trade-off between relevance and novelty. */
const MMR_LAMBDA = 0.7;
/** Cosine above which two sentences say the same thing; the second is never picked. */
const MAX_REDUNDANCY = 0.5;
const MAX_TITLE_CHARS = 90;
const TITLE_WORDS = { min: 3, max: 20 };
/** Where a title made from a sentence is cut: a clause boundary near this many words. */
const HEADLINE_WORDS = { target: 12, min: 6, max: 20 };
const UNTITLED = 'Untitled story';
/** A title made from a sentence may come from any summary sentence scoring at least this share of the best one. */
const HEADLINE_SCORE_SHARE = 0.8;

type Vector = ReadonlyMap<string, number>;

/**
 * Squared norms, computed once per vector: a big story's centroid holds tens of
 * thousands of words and is compared with every sentence. Vectors are complete
 * before they are first compared and never change afterwards.
 */
const squaredNorms = new WeakMap<Vector, number>();
function squaredNorm(v: Vector): number {
  let n = squaredNorms.get(v);
  if (n === undefined) {
    n = 0;
    for (const x of v.values()) n += x * x;
    squaredNorms.set(v, n);
  }
  return n;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, v] of small) dot += v * (large.get(w) ?? 0);
  if (dot === 0) return 0;
  return dot / Math.sqrt(squaredNorm(a) * squaredNorm(b));
}

function termFrequencies(words: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

/** Words as a reader counts them: whitespace-separated tokens with a letter or digit. */
const wordCount = (text: string): number => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

/**
 * For every character of `text`, whether it lies inside double quotation
 * marks. Quotes do not carry over a line break: news style re-opens a quote
 * that runs on into the next paragraph. Single quotes are left alone, since
 * they double as apostrophes.
 */
function quotedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') open = false;
    else if (c === '“' || c === '«') open = true;
    else if (c === '”' || c === '»') open = false;
    else if (c === '"') open = !open;
    else if (open) mask[i] = 1;
  }
  return mask;
}

function quotedShare(text: string, mask: Uint8Array, start: number, end: number): number {
  let letters = 0;
  let quoted = 0;
  for (let i = start; i < end; i++) {
    if (!/\p{L}/u.test(text[i] ?? '')) continue;
    letters++;
    quoted += mask[i] ?? 0;
  }
  return letters === 0 ? 0 : quoted / letters;
}

/** Share of upper-case letters among the letters of `text`. */
function upperShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  return letters.filter((c) => /\p{Lu}/u.test(c)).length / letters.length;
}

/**
 * Page furniture that reads like a line of text: credits ("© AP Photo / ..."),
 * calls to action and links. Capitalised "Photo" is a credit; lower-case
 * "photos" is ordinary prose, so the two patterns differ in case rule.
 */
const CREDIT = /^\s*©|\b(?:Photos?|PHOTOS?)\b|\bGetty Images\b|\b(?:Image|Video|Picture)\s*:|\bAll rights reserved\b/;
const FURNITURE = /^\s*(?:copyright|subscribe|sign up|follow us|read more|click here|tap here|watch|listen)\b|https?:\/\/|\bwww\.|\S+@\S+\.\w/i;
/** How a sentence ends: a terminator, then any closing quotes or brackets. */
const SENTENCE_END = /[.!…?]["'”’»)\]]*$/;

/**
 * Captions, credits, headings and other debris: none of it belongs in a
 * summary, and none of it counts toward the centroid or an article's lead.
 * A line with no sentence-final punctuation is a heading, a caption or a
 * byline, not a sentence of the report.
 */
function isDebris(sentence: string): boolean {
  if (CREDIT.test(sentence) || FURNITURE.test(sentence)) return true;
  if (upperShare(sentence) > 0.9) return true;
  return !SENTENCE_END.test(sentence);
}

const isQuestion = (sentence: string): boolean => /\?["'”’»)\]]*$/.test(sentence);

interface Candidate {
  readonly article: string;
  readonly articleIndex: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Position among the article's non-debris sentences. */
  readonly position: number;
  readonly eligible: boolean;
  readonly words: readonly string[];
  vector: Map<string, number>;
  score: number;
}

/** Publication time in milliseconds; null when unknown or unreadable. */
function publishedTime(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The story's summary sentences, in reading order. Pure: the same articles give the same summary in any order. */
export function summarize(articles: readonly SummaryArticle[], options: SummaryOptions = {}): SummarySentence[] {
  const limit = Math.floor(options.maxSentences ?? DEFAULT_MAX_SENTENCES);
  if (limit <= 0 || articles.length === 0) return [];
  // One copy of each article, in id order, so that the result (floating-point sums included) does not depend on input order.
  const byId = new Map<string, SummaryArticle>();
  for (const a of articles) if (!byId.has(a.id)) byId.set(a.id, a);
  const docs = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const candidates: Candidate[] = [];
  docs.forEach((doc, articleIndex) => {
    const mask = quotedMask(doc.text);
    let position = 0;
    for (const s of splitSentences(doc.text)) {
      if (isDebris(s.text)) continue;
      const n = wordCount(s.text);
      const eligible = n >= MIN_WORDS && n <= MAX_WORDS && !isQuestion(s.text) && quotedShare(doc.text, mask, s.start, s.end) <= MAX_QUOTED_SHARE;
      candidates.push({ article: doc.id, articleIndex, start: s.start, end: s.end, text: s.text, position: position++, eligible, words: contentWords(s.text), vector: new Map(), score: 0 });
    }
  });
  if (!candidates.some((c) => c.eligible)) return [];

  // Document frequencies over the story's sentences, smoothed so that a word in every sentence keeps weight 1.
  const df = new Map<string, number>();
  for (const c of candidates) for (const w of new Set(c.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const total = candidates.length;
  const idf = (w: string) => Math.log((1 + total) / (1 + (df.get(w) ?? 0))) + 1;

  // Unit sentence vectors; the centroid is the sum over articles of each article's mean sentence vector.
  const perArticle = new Array<number>(docs.length).fill(0);
  for (const c of candidates) perArticle[c.articleIndex]! += 1;
  const centroid = new Map<string, number>();
  for (const c of candidates) {
    let norm = 0;
    for (const [w, n] of termFrequencies(c.words)) {
      const weight = (1 + Math.log(n)) * idf(w);
      c.vector.set(w, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    const share = 1 / perArticle[c.articleIndex]!;
    for (const [w, v] of c.vector) {
      c.vector.set(w, v / norm);
      centroid.set(w, (centroid.get(w) ?? 0) + (v / norm) * share);
    }
  }
  for (const c of candidates) c.score = cosine(c.vector, centroid) + LEAD_WEIGHT / (1 + c.position);

  // Maximal marginal relevance; ties go to the article id, then the earlier offset (candidates are in that order).
  const pool = candidates.filter((c) => c.eligible);
  const chosen: Candidate[] = [];
  const redundancy = new Array<number>(pool.length).fill(0);
  const taken = new Array<boolean>(pool.length).fill(false);
  while (chosen.length < limit) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i] || redundancy[i]! > MAX_REDUNDANCY) continue;
      const value = MMR_LAMBDA * pool[i]!.score - (1 - MMR_LAMBDA) * redundancy[i]!;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) break;
    const pick = pool[best]!;
    taken[best] = true;
    chosen.push(pick);
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      // Identical wording is redundant even when it has no content words to compare.
      const same = pool[i]!.text === pick.text ? 1 : cosine(pool[i]!.vector, pick.vector);
      if (same > redundancy[i]!) redundancy[i] = same;
    }
  }

  const when = docs.map((d) => publishedTime(d.publishedAt));
  return chosen
    .sort((a, b) => {
      const ta = when[a.articleIndex] ?? null;
      const tb = when[b.articleIndex] ?? null;
      if (ta !== tb) {
        if (ta === null) return 1;
        if (tb === null) return -1;
        return ta - tb;
      }
      return a.articleIndex - b.articleIndex || a.start - b.start;
    })
    .map((c) => ({ text: c.text, article: c.article, start: c.start, end: c.end, score: c.score }));
}

/** Trailing punctuation, dashes and quotes that a cut or a headline leaves dangling. */
const TRAILING = /[\s.,;:!…—–\-"'“”‘’«»([]+$/u;
/** A dateline: a place in capitals, an optional state or country and agency in brackets, then a dash. */
const DATELINE = /^\s*\p{Lu}[\p{Lu}\p{M}.'’ -]*\p{Lu}\.?(?:,\s*[\p{L}.' ]{2,30})?(?:\s*\([^)]{1,40}\))?\s*(?:—|–|--?)\s+(?=["“‘(]?[\p{Lu}\p{N}])/u;

/** Whether the opening brackets and double quotes of `text` are all closed. */
function balanced(text: string): { brackets: boolean; quotes: boolean } {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const straight = count(/"/g);
  return { brackets: count(/\(/g) === count(/\)/g), quotes: straight % 2 === 0 && count(/“/g) === count(/”/g) };
}

/** Removes dangling punctuation and unclosed brackets or quotes, and capitalises the first letter. */
function tidy(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim().replace(TRAILING, '');
  const check = balanced(t);
  if (!check.brackets) {
    const open = t.lastIndexOf('(');
    if (open > 0 && t.indexOf(')', open) < 0) t = t.slice(0, open).replace(TRAILING, '');
  }
  if (!check.quotes) t = t.replace(/["“”]/g, '');
  t = t.replace(TRAILING, '').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Word spans of `text`: [start, end) of each whitespace-separated token. */
function tokens(text: string): [number, number][] {
  return [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** Words that open a subordinate or following clause: a cut just before one leaves a whole clause in front. */
const CLAUSE_OPENERS = new Set('and but while whereas which who whose after before because although though as amid despite following when where since until unless including'.split(' '));
/** Words that cannot end a headline: a hard cut drops them. */
const DANGLING = new Set('a an the and or but of to in on at by for from with as that which who whose its their his her our your this these those is are was were be been has have had will would could should may might can than into over after before about'.split(' '));
/** A clause led by one of these is background, not the news ("After losing Mosul, ..."). */
const SUBORDINATE_START = /^["“‘(]?(?:after|as|when|while|although|though|despite|because|if|since|following|amid|before|until|unless|with)\b/i;
/** A closing attribution: ", a local official told Reuters", ", the coalition said". */
const ATTRIBUTION_TAIL = /,\s*[^,]{0,60}?\b(?:said|says|told|added|reported|stated|according to)\b[^,]{0,40}$/;

/** How good a cut is for a headline: 0 whole sentence, 1 main clause, 2 cut inside the main clause, 3 a cut sentence that opens with background ("After losing Mosul, ..."). */
interface Headline {
  readonly text: string;
  readonly quality: number;
}

/**
 * Cuts `text` for a headline of at most `maxChars` and `max` words: at a
 * clause boundary (comma, semicolon, colon, dash) whose word count is
 * nearest `target` and at least `min`; failing one, just before a word that
 * opens a clause; failing that, at the last word that fits, with dangling
 * function words dropped.
 */
function cutAtClause(text: string, target: number, min: number, max: number, maxChars: number): Headline {
  const words = tokens(text);
  const nearest = (ok: (i: number) => boolean): number | null => {
    let best: number | null = null;
    for (let i = 0; i < words.length - 1; i++) {
      const count = i + 1;
      if (count < min || count > max || words[i]![1] > maxChars || !ok(i)) continue;
      if (best === null || Math.abs(count - target) < Math.abs(best - target) || (Math.abs(count - target) === Math.abs(best - target) && count > best)) best = count;
    }
    return best;
  };
  const word = (i: number) => text.slice(words[i]![0], words[i]![1]);
  const background = SUBORDINATE_START.test(text);
  const punctuation = nearest((i) => /[,;:]["'”’)]*$|[—–]$/.test(word(i)) || /^(?:—|–|-|--)$|^[—–]/.test(word(i + 1)));
  if (punctuation !== null) return { text: text.slice(0, words[punctuation - 1]![1]), quality: background ? 3 : 1 };
  const opener = nearest((i) => CLAUSE_OPENERS.has(word(i + 1).toLowerCase()));
  if (opener !== null) return { text: text.slice(0, words[opener - 1]![1]), quality: background ? 3 : 2 };
  let count = Math.min(max, words.length);
  while (count > 1 && words[count - 1]![1] > maxChars) count--;
  while (count > 1 && DANGLING.has(word(count - 1).toLowerCase().replace(/[^\p{L}]/gu, ''))) count--;
  return { text: text.slice(0, words[count - 1]![1]), quality: background ? 3 : 2 };
}

/** A headline from a sentence: dateline and closing attribution off, cut at a clause boundary near twelve words, no closing punctuation. */
function headline(sentence: string): Headline {
  let body = sentence.replace(/\s+/g, ' ').trim().replace(DATELINE, '').replace(TRAILING, '');
  const unattributed = body.replace(ATTRIBUTION_TAIL, '');
  if (tokens(unattributed).length >= HEADLINE_WORDS.min) body = unattributed;
  const words = tokens(body).length;
  if (words === 0) return { text: '', quality: 3 };
  if (words <= HEADLINE_WORDS.max && body.length <= MAX_TITLE_CHARS) return { text: tidy(body), quality: 0 };
  const cut = cutAtClause(body, HEADLINE_WORDS.target, HEADLINE_WORDS.min, HEADLINE_WORDS.max, MAX_TITLE_CHARS);
  return { text: tidy(cut.text), quality: cut.quality };
}

/**
 * An article title made presentable, or null when it is not usable: site
 * names after " | " dropped, a title truncated with an ellipsis cut back to
 * its last whole clause, long titles cut to fit; all-caps debris and titles
 * outside 3..20 words are refused.
 */
function cleanTitle(raw: string | null): string | null {
  if (!raw) return null;
  let t = raw.replace(/\s+/g, ' ').trim();
  // "Headline | Site name": keep the longest segment.
  if (t.includes(' | ')) t = t.split(' | ').reduce((a, b) => (b.length > a.length ? b : a));
  if (/(?:…|\.\.\.)$/.test(t)) {
    const cut = t.replace(/(?:…|\.\.\.)$/, '');
    const clause = Math.max(cut.lastIndexOf(','), cut.lastIndexOf(';'), cut.lastIndexOf(' — '), cut.lastIndexOf(' – '));
    t = clause > 0 && tokens(cut.slice(0, clause)).length >= TITLE_WORDS.min ? cut.slice(0, clause) : cut;
  }
  const words = tokens(t).length;
  if (words < TITLE_WORDS.min || words > TITLE_WORDS.max) return null;
  if (!/\p{L}/u.test(t) || upperShare(t) > 0.9 || CREDIT.test(t) || FURNITURE.test(t)) return null;
  if (t.length > MAX_TITLE_CHARS) t = cutAtClause(t, HEADLINE_WORDS.target, HEADLINE_WORDS.min, TITLE_WORDS.max, MAX_TITLE_CHARS).text;
  t = t.replace(/[\s.,;:—–-]+$/u, '');
  return tokens(t).length >= TITLE_WORDS.min ? t : null;
}

/**
 * A short human-readable title for the story (at most about 90 characters,
 * never empty): the usable article title closest to what the summary says,
 * else a headline cut from the best summary sentence, else "Untitled story".
 */
export function storyTitle(articles: readonly TitleArticle[], summary: readonly SummarySentence[]): string {
  const about = termFrequencies(contentWords((summary.length > 0 ? summary.map((s) => s.text) : articles.map((a) => a.text)).join('\n')));
  let best: { title: string; id: string; similarity: number } | null = null;
  for (const a of articles) {
    const title = cleanTitle(a.title);
    if (title === null) continue;
    const similarity = cosine(termFrequencies(contentWords(title)), about);
    // A title sharing no word with the story is more likely a site name or a section label than a headline.
    if (about.size > 0 && similarity <= 0) continue;
    if (best === null || similarity > best.similarity || (similarity === best.similarity && a.id < best.id)) best = { title, id: a.id, similarity };
  }
  if (best) return best.title;

  // The best-reading headline among the summary sentences that score close to the top one.
  const top = Math.max(...summary.map((s) => s.score));
  let made: { headline: Headline; sentence: SummarySentence } | null = null;
  for (const s of summary) {
    if (s.score < HEADLINE_SCORE_SHARE * top) continue;
    const h = headline(s.text);
    if (tokens(h.text).length < TITLE_WORDS.min) continue;
    const better =
      made === null ||
      h.quality < made.headline.quality ||
      (h.quality === made.headline.quality && (s.score > made.sentence.score || (s.score === made.sentence.score && (s.article < made.sentence.article || (s.article === made.sentence.article && s.start < made.sentence.start)))));
    if (better) made = { headline: h, sentence: s };
  }
  if (made) return made.headline.text;
  return UNTITLED;
}
