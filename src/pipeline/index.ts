/**
 * The one place where the order of the analysis stages is defined.
 *
 * Ingest (src/ingest) and storage (src/store) are the edges; everything in
 * between is a pure stage. `checkOrder` runs when this module is loaded, so a
 * stage that needs a layer nobody assigned before it stops the program at
 * start-up, not halfway through a corpus; `createPipeline` checks that every
 * resource a stage uses was loaded before any document flows.
 *
 * Importing this module reads no file: resources are loaded by the caller
 * (src/pipeline/resources.ts) when it decides to analyse.
 */
import { newDoc, type Doc, type RawInput } from '../core/doc.js';
import { checkOrder, checkResources, resourcesUsed, runStages, type Stage } from '../core/stage.js';
import type { Resources } from '../core/resources.js';
import { projectResources, type ResourceLoader } from './resources.js';
import { extractStage } from '../clean/extract.js';
import { cleanStage } from '../clean/gates.js';
import { metadataStage } from '../clean/metadata.js';
import { fingerprintStage } from '../clean/dedup.js';
import { sentencesStage } from '../nlp/sentences.js';
import { tokensStage } from '../nlp/tokens.js';
import { syntaxStage } from '../nlp/syntax/index.js';
import { nerStage } from '../nlp/recognizer.js';
import { datesStage } from '../nlp/time.js';
import { resolveEntitiesStage } from '../resolve/entities.js';
import { geocodeStage } from '../geo/index.js';
import { quotesStage } from '../attribution/index.js';
import { claimsStage } from '../claims/index.js';
import { eventsStage } from '../events/index.js';

export { PIPELINE_VERSION } from './version.js';

export const STAGES: readonly Stage[] = [
  // clean: raw input -> body candidate -> cleaned text -> article metadata.
  extractStage,
  cleanStage,
  // Metadata needs the cleaned text: the id hashes it and the publication
  // date check compares header dates with the years the body mentions.
  metadataStage,
  fingerprintStage,
  // nlp: sentences before tokens; time expressions need publishedAt (meta).
  sentencesStage,
  tokensStage,
  // syntax: part-of-speech tags, lemmas and a dependency parse per sentence, for the stages after it.
  syntaxStage,
  nerStage,
  datesStage,
  // resolve: group mentions into entities with aliases.
  resolveEntitiesStage,
  // geo: place entities resolved against the offline gazetteer, in context.
  geocodeStage,
  // attribution: who said what.
  quotesStage,
  claimsStage,
  // events: who did what to whom, where, when.
  eventsStage,
];

checkOrder(STAGES);

export class EmptyArticleError extends Error {}

/** Stages bound to their resources: what the CLI, the server's ingest jobs, the evaluations and the benchmark run. */
export interface Pipeline {
  readonly stages: readonly Stage[];
  /**
   * Analyse one raw input. Throws `EmptyArticleError` when cleaning leaves no
   * article text, so the caller can report the input and go on.
   */
  analyze(raw: RawInput, timings?: Map<string, number>): Doc;
}

/** A pipeline over `stages` (STAGES unless a test gives others); throws at once if their order or resources are wrong. */
export function createPipeline(resources: Partial<Resources>, stages: readonly Stage[] = STAGES): Pipeline {
  checkOrder(stages);
  checkResources(stages, resources);
  const ctx = { resources };
  return {
    stages,
    analyze(raw, timings) {
      const doc = runStages(newDoc(raw), stages, ctx, timings);
      if (doc.text.trim().length === 0) throw new EmptyArticleError('no article text left after cleaning');
      return doc;
    },
  };
}

/** The full pipeline, loading what its stages use through `loader` (the process's project loader by default). */
export function loadPipeline(loader: ResourceLoader = projectResources()): Pipeline {
  return createPipeline(loader.load(resourcesUsed(STAGES)));
}
