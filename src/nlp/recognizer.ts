/**
 * The named-entity stage: the trained perceptron (src/nlp/ner) proposes the
 * mentions; the rule layer (src/nlp/entities.ts) decides the types that a
 * CoNLL-trained model cannot know and adds what it misses:
 *  - a rule mention on exactly the same span from the alias table (or another
 *    cue at least as sure) gives its type: "Raqqa" is a GPE, "Al-Tanf" a FAC;
 *  - FAC and EVENT, which CoNLL has no class for, come from head-word rules;
 *  - a confident rule mention that overlaps no model mention is added
 *    (alias-table actors, gazetteer places the model passed over).
 */
import type { Mention, Token } from '../core/doc.js';
import { use, type Stage } from '../core/stage.js';
import type { QuantizedScorer } from './ner/model-file.js';
import { possessiveStem, recognize as recognizeByRules } from './entities.js';
import { recognizeStatistical } from './ner/index.js';

/** A rule at least this sure overrides the model's type on the same span. */
const RETYPE_CONFIDENCE = 0.9;
/** A rule at least this sure adds a mention where the model found none. */
const ADD_CONFIDENCE = 0.75;

const overlaps = (a: Mention, b: Mention) => a.start < b.end && b.start < a.end;

export function recognizeEntities(text: string, tokens: readonly Token[], nerModel: QuantizedScorer): Mention[] {
  const model = recognizeStatistical(text, tokens, nerModel);
  const rules = recognizeByRules(text, tokens);
  const ruleBySpan = new Map(rules.map((r) => [`${r.start}:${r.end}`, r]));
  const merged: Mention[] = model.map((found) => {
    // The model read "Syrias" as a name: the name is its stem (entities.ts possessiveStem).
    const stem = found.text.includes(' ') ? null : possessiveStem(found.text);
    const m = stem ? { ...found, end: found.start + stem.name.length, text: stem.name } : found;
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
  return merged.sort((a, b) => a.start - b.start || b.end - a.end);
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
