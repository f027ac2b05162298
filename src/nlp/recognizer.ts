/**
 * The named-entity stage: the trained perceptron (src/nlp/ner) proposes the
 * mentions; the rule layer (src/nlp/entities.ts) decides the types that a
 * CoNLL-trained model cannot know and adds what it misses:
 *  - a rule mention on exactly the same span from the alias table (or another
 *    cue at least as sure) gives its type: "Raqqa" is a GPE, "Al-Tanf" a FAC;
 *  - FAC and EVENT, which CoNLL has no class for, come from head-word rules;
 *  - a confident rule mention that overlaps no model mention is added
 *    (alias-table actors, gazetteer places the model passed over).
 * Then one refiner over the whole article (documentConsistency): a name
 * recognised with confidence anywhere is recognised, with its type, wherever
 * else the article writes it and nothing was found, as a reader who met
 * "Rotor Volgograd" once reads it so again in a headline or a lower-cased
 * sentence.
 */
import type { Mention, Token } from '../core/doc.js';
import { use, type Stage } from '../core/stage.js';
import type { QuantizedScorer } from './ner/model-file.js';
import { possessiveStem, recognize as recognizeByRules } from './entities.js';
import { recognizeStatistical } from './ner/index.js';
import cues from './data/cues.json' with { type: 'json' };
import time from './data/time.json' with { type: 'json' };
import { escapeRegExp } from '../core/patterns.js';

/** A rule at least this sure overrides the model's type on the same span. */
const RETYPE_CONFIDENCE = 0.9;
/** A rule at least this sure adds a mention where the model found none. */
const ADD_CONFIDENCE = 0.75;
/** A mention at least this sure lends its name and type to the article's other occurrences of it. */
const LEND_CONFIDENCE = 0.8;
/** What an occurrence found so is worth: below the mention it repeats, and below a rule that adds on its own. */
const REPEAT_DISCOUNT = 0.85;
export const DOCUMENT_SOURCE = 'document';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** "Britain-based", "US-led" before a name: an adjective, not part of the name (the place in it is compoundNames'). */
const LEADING_COMPOUND = /^[\p{Lu}][\p{L}.]*-\p{Ll}+\s+(?=\p{Lu})/u;

/** A model mention that took in a hyphenated adjective before the name ("Britain-based Syrian Observatory ..."): the name alone. */
function withoutLeadingCompound(m: Mention): Mention {
  const lead = LEADING_COMPOUND.exec(m.text);
  if (!lead) return m;
  return { ...m, start: m.start + lead[0].length, text: m.text.slice(lead[0].length) };
}

export function recognizeEntities(text: string, tokens: readonly Token[], nerModel: QuantizedScorer): Mention[] {
  const model = recognizeStatistical(text, tokens, nerModel);
  const rules = recognizeByRules(text, tokens);
  const ruleBySpan = new Map(rules.map((r) => [`${r.start}:${r.end}`, r]));
  const merged: Mention[] = model.map((found) => {
    // The model read "Syrias" as a name: the name is its stem (entities.ts possessiveStem).
    const stem = found.text.includes(' ') ? null : possessiveStem(found.text);
    const m = stem ? { ...found, end: found.start + stem.name.length, text: stem.name } : withoutLeadingCompound(found);
    const rule = ruleBySpan.get(`${m.start}:${m.end}`);
    if (!rule || rule.type === m.type) return m;
    const ruleOnlyType = rule.type === 'FAC' || rule.type === 'EVENT';
    if (rule.confidence >= RETYPE_CONFIDENCE || (ruleOnlyType && rule.confidence >= 0.7)) {
      return { ...m, type: rule.type, source: `${m.source}+${rule.source}`, confidence: Math.max(m.confidence, rule.confidence) };
    }
    return m;
  });
  for (const r of rules) {
    const inside = merged.filter((m) => overlaps(m, r));
    const ruleOnlyType = r.type === 'FAC' || r.type === 'EVENT';
    if (inside.length === 0 && (r.confidence >= ADD_CONFIDENCE || (ruleOnlyType && r.confidence >= 0.6))) {
      merged.push(r);
    } else if (r.confidence >= RETYPE_CONFIDENCE && inside.every((m) => m.start >= r.start && m.end <= r.end && m.end - m.start < r.end - r.start)) {
      // The model saw part of a known name ("Islamic" of "Islamic State"): the whole name wins.
      for (const m of inside) merged.splice(merged.indexOf(m), 1);
      merged.push(r);
    }
  }
  return documentConsistency(text, tokens, withMonthNames(text, merged).sort((a, b) => a.start - b.start || b.end - a.end));
}

const MONTH_NAMES = time.monthsThatAreNames.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|');
/** A month that is a family name, written right after a given name the model found ("Theresa" + "May"), no date after. */
const MONTH_AFTER_NAME = new RegExp(`^\\s+(?:${MONTH_NAMES})\\b(?![\\s,]*\\d)`, 'u');
/** "Mrs May", "Mr. June": a title before a month name makes it a person's name. */
const TITLED_MONTH = new RegExp(
  `(?<![\\p{L}.])(?:${cues.personTitles.filter((t) => /^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\b/.test(t)).map(escapeRegExp).join('|')})\\s+(${MONTH_NAMES})\\b(?![\\s,]*\\d)`,
  'gu',
);

/** Below LEND_CONFIDENCE: "Mrs May" does not make every "May" of the article a name. */
const TITLED_MONTH_CONFIDENCE = 0.75;

/**
 * The model reads "May" of "Theresa May" as the month it also is (its calendar feature): a person's name it
 * found that a capitalised month name follows takes the month in, and a title before a month name makes it a
 * name ("Mrs May"), where no day or year follows it.
 */
function withMonthNames(text: string, mentions: readonly Mention[]): Mention[] {
  const out = mentions.map((m) => {
    if (m.type !== 'PERSON') return m;
    const after = MONTH_AFTER_NAME.exec(text.slice(m.end, m.end + 12));
    return after ? { ...m, end: m.end + after[0].length, text: text.slice(m.start, m.end + after[0].length) } : m;
  });
  for (const t of text.matchAll(TITLED_MONTH)) {
    const start = t.index + t[0].length - t[1]!.length;
    const at = { start, end: t.index + t[0].length };
    if (out.some((m) => overlaps(m, at))) continue;
    out.push({ start, end: at.end, text: t[1]!, type: 'PERSON', source: 'title-month', confidence: TITLED_MONTH_CONFIDENCE });
  }
  return out;
}

const CAPITALISED = /^\p{Lu}/u;

/**
 * Every occurrence, as the same token sequence in the same case, of a name some
 * mention found with at least LEND_CONFIDENCE, where no mention covers any of
 * its tokens, becomes a mention of that name's type. A name two confident
 * mentions type differently lends nothing. An occurrence inside a longer run of
 * capitalised words ("Moscow" of "Dynamo Moscow", unrecognised) is part of
 * another name and left alone.
 */
export function documentConsistency(text: string, tokens: readonly Token[], mentions: readonly Mention[]): Mention[] {
  const lent = new Map<string, { type: Mention['type']; confidence: number; source: string } | null>();
  const covered = new Uint8Array(tokens.length);
  const tokenAt = new Map(tokens.map((t, i) => [t.start, i]));
  let longest = 0;
  for (const m of mentions) {
    const from = tokenAt.get(m.start);
    let to = from ?? 0;
    while (to < tokens.length && tokens[to]!.end <= m.end && tokens[to]!.start >= m.start) covered[to++] = 1;
    if (from === undefined || tokens[to - 1]?.end !== m.end || m.confidence < LEND_CONFIDENCE) continue;
    const key = tokens.slice(from, to).map((t) => t.text).join(' ');
    const seen = lent.get(key);
    if (seen === null) continue;
    if (seen && seen.type !== m.type) lent.set(key, null);
    else if (!seen || m.confidence > seen.confidence) lent.set(key, { type: m.type, confidence: m.confidence, source: m.source });
    longest = Math.max(longest, to - from);
  }
  if (lent.size === 0) return [...mentions];
  const added: Mention[] = [];
  const sameSentence = (a: number, b: number) => b >= 0 && b < tokens.length && tokens[a]!.sentence === tokens[b]!.sentence;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
      const last = i + n - 1;
      if (!sameSentence(i, last)) continue;
      const name = lent.get(tokens.slice(i, i + n).map((t) => t.text).join(' '));
      if (!name) continue;
      if (covered.subarray(i, i + n).some((c) => c === 1)) continue;
      const before = sameSentence(i, i - 1) ? tokens[i - 1]! : null;
      const after = sameSentence(i, last + 1) ? tokens[last + 1]! : null;
      const joins = (t: Token | null, gapless: boolean) => t !== null && (CAPITALISED.test(t.text) || gapless);
      // Inside a longer capitalised run, or glued to a word ("US-led" is compoundNames' business).
      if (joins(after, after !== null && after.start === tokens[last]!.end && /^[\p{L}\p{N}-]/u.test(after.text))) break;
      if (before && before.end === tokens[i]!.start && /[\p{L}\p{N}-]$/u.test(before.text)) break;
      if (before && CAPITALISED.test(before.text) && covered[i - 1] === 0 && !/^(?:The|A|An)$/.test(before.text)) break;
      const start = tokens[i]!.start;
      const end = tokens[last]!.end;
      added.push({ start, end, text: text.slice(start, end), type: name.type, source: `${name.source}+${DOCUMENT_SOURCE}`, confidence: name.confidence * REPEAT_DISCOUNT });
      i = last;
      break;
    }
  }
  return added.length === 0 ? [...mentions] : [...mentions, ...added].sort((a, b) => a.start - b.start || b.end - a.end);
}

export const nerStage: Stage = {
  name: 'ner',
  requires: ['text', 'tokens'],
  assigns: ['mentions'],
  uses: ['nerModel'],
  run(doc, ctx) {
    return { ...doc, mentions: recognizeEntities(doc.text, doc.tokens, use(ctx, this, 'nerModel')) };
  },
};
