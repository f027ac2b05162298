/**
 * The layers up to entities for a plain text, without cleaning, so offsets
 * stay those of the text: for evaluations whose gold spans point into raw
 * corpus text (geoparsing, attribution).
 */
import type { Entity, Sentence, Token } from '../core/doc.js';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize } from '../nlp/tokens.js';
import { recognizeEntities } from '../nlp/recognizer.js';
import { resolveMentions } from './entities.js';

export function entitiesOfText(text: string): { sentences: Sentence[]; tokens: Token[]; entities: Entity[] } {
  const sentences = splitSentences(text);
  const tokens = tokenize(text, sentences);
  return { sentences, tokens, entities: resolveMentions(text, recognizeEntities(text, tokens)) };
}
