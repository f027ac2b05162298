/**
 * The statistical named-entity recognizer (source 'perceptron-v1'): an
 * averaged structured perceptron over BILOU tags, trained on CoNLL-2003
 * English by scripts/train-ner.ts, decoded with Viterbi.
 *
 * The model knows the four CoNLL classes. Mapping to the project's types:
 * - PER  -> PERSON
 * - ORG  -> ORG
 * - LOC  -> GPE when the name, or its last word, is a gazetteer place
 *           (lists.places) or a GPE in the alias table; otherwise LOC
 *           (rivers, regions, mountains). CoNLL does not separate the two,
 *           so this decision rests on the gazetteer alone.
 * - MISC -> NORP for a single-token nationality, religion or group adjective
 *           (a cues.demonyms word, its plural, or a word ending in -an, -ian,
 *           -ish, -ese, -i such as "Kenyan", "Iraqi"); EVENT when its last
 *           word is a cues.eventHeads word ("World Cup", "Gulf War"); other
 *           MISC (products, works, nationality phrases) is dropped, because
 *           no project type fits it.
 *
 * The model is a resource (core/resources.ts): the caller passes it in.
 */
import type { EntityType, Mention, Token } from '../../core/doc.js';
import cues from '../data/cues.json' with { type: 'json' };
import lists from '../data/lists.json' with { type: 'json' };
import aliases from '../../resolve/data/aliases.json' with { type: 'json' };
import { labelDocument, marginConfidence, scoredSpans } from './label.js';
import type { QuantizedScorer } from './model-file.js';
import type { ModelType } from './perceptron.js';

export const SOURCE = 'perceptron-v1';
/** Where the trained model is; read by the resource loader (src/pipeline/resources.ts). */
export const NER_MODEL_URL = new URL('./model/ner-model.bin.gz', import.meta.url);

const PLACES = new Set(lists.places);
const GPE_ALIASES = new Set(aliases.entities.filter((e) => e.type === 'GPE').flatMap((e) => [e.name, ...e.aliases]));
const DEMONYMS = new Set(cues.demonyms);
const EVENT_HEADS = new Set(cues.eventHeads);
const DEMONYM_ENDING = /(?:an|ian|ish|ese|i)s?$/;

/** Headline and dateline names are upper-cased ("BERLIN"); the gazetteer spells them in title case. */
const titleCase = (name: string) => name.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
const isPlace = (name: string) => PLACES.has(name) || GPE_ALIASES.has(name) || (!/\p{Ll}/u.test(name) && PLACES.has(titleCase(name)));

/**
 * The project type of a model entity, or null when none fits (most MISC).
 * `words` are the entity's tokens as written.
 */
export function projectType(modelType: ModelType, words: readonly string[]): EntityType | null {
  const name = words.join(' ').replace(/ (['’]s)\b/g, '$1');
  const last = words[words.length - 1] ?? '';
  switch (modelType) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      return 'ORG';
    case 'LOC':
      return isPlace(name) || isPlace(last) ? 'GPE' : 'LOC';
    case 'MISC': {
      if (words.length === 1) {
        const singular = last.endsWith('s') ? last.slice(0, -1) : last;
        if (DEMONYMS.has(last) || DEMONYMS.has(singular) || DEMONYM_ENDING.test(last)) return 'NORP';
      }
      return EVENT_HEADS.has(last) ? 'EVENT' : null;
    }
  }
}

/** Our tokenizer keeps typographic quotes; CoNLL text has ASCII ones. */
const modelForm = (word: string) => word.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');

/**
 * Named-entity mentions of `text`, whose `tokens` (with sentence indexes)
 * come from the project tokenizer. Mentions are in text order; offsets are
 * exact: `text.slice(m.start, m.end) === m.text`.
 */
export function recognizeStatistical(text: string, tokens: readonly Token[], model: QuantizedScorer): Mention[] {
  const sentences: Token[][] = [];
  for (const token of tokens) {
    if (token.start < 0 || token.end > text.length || token.start >= token.end) {
      throw new Error(`recognizeStatistical: token ${JSON.stringify(token.text)} has offsets ${token.start}..${token.end} outside the text (length ${text.length})`);
    }
    const current = sentences[sentences.length - 1];
    if (current && current[0]!.sentence === token.sentence) current.push(token);
    else sentences.push([token]);
  }
  const decoded = labelDocument(
    model,
    model.gazetteer,
    sentences.map((s) => s.map((t) => modelForm(t.text))),
    true,
  );
  const mentions: Mention[] = [];
  sentences.forEach((sentence, i) => {
    for (const span of scoredSpans(decoded[i]!)) {
      const words = sentence.slice(span.start, span.end);
      const type = projectType(
        span.type,
        words.map((t) => t.text),
      );
      if (type === null) continue;
      const start = words[0]!.start;
      const end = words[words.length - 1]!.end;
      mentions.push({ start, end, text: text.slice(start, end), type, source: SOURCE, confidence: marginConfidence(span.margin, model.header.marginScale) });
    }
  });
  return mentions;
}
