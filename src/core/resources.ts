/**
 * The resources the analysis stages read: models and tables built from public
 * data and committed in the project. Stages never load them; they name the
 * ones they use (`Stage.uses`) and find them in `StageContext.resources`. The
 * loader at the edge (src/pipeline/resources.ts) reads the files, once, when
 * the caller asks for them.
 *
 * Only types are imported here, so importing the pipeline loads nothing.
 */
import type { QuantizedScorer } from '../nlp/ner/model-file.js';
import type { WordClusters } from '../nlp/ner/clusters.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { ActorIndex } from '../resolve/actors.js';
import type { SentenceParser, SentenceTagger } from '../nlp/syntax/types.js';

export interface Resources {
  /** Word classes learned from unlabelled news, read by the recognizer's and the tagger's features. */
  readonly wordClusters: WordClusters;
  /** The statistical recognizer: weights, the word lists it was trained with, and the word classes it reads. */
  readonly nerModel: QuantizedScorer;
  /** The offline GeoNames gazetteer with the project's curated places. */
  readonly gazetteer: Gazetteer;
  /** Known actors (CAMEO dictionaries + the alias table), indexed by name keys. */
  readonly actors: ActorIndex;
  /** Part-of-speech tagger and lemmatiser trained on UD English (src/nlp/syntax). */
  readonly tagger: SentenceTagger;
  /** Transition-based dependency parser trained on UD English (src/nlp/syntax). */
  readonly parser: SentenceParser;
}

export type ResourceName = keyof Resources;

export class MissingResourceError extends Error {}

/** The resource `name` of `resources`, or an error naming the stage that needed it. */
export function resourceOf<K extends ResourceName>(resources: Partial<Resources>, name: K, stage: string): Resources[K] {
  const value = resources[name];
  if (value === undefined) throw new MissingResourceError(`stage "${stage}" uses the ${name} resource, which was not loaded`);
  return value as Resources[K];
}
