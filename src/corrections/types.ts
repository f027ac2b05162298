/**
 * User corrections: what an analyst says the pipeline got wrong. They are
 * stored apart from the analysis and applied whenever a record is read, so
 * they survive re-processing and re-ingest (article and entity ids are stable).
 */

import type { EntityType, PlaceKind } from '../core/contract.js';

/** Where a rejected value sits in the record. */
export type CorrectionTarget = 'entity' | 'place' | 'date' | 'quote' | 'claim' | 'event';

export const CORRECTION_TARGETS: readonly CorrectionTarget[] = ['entity', 'place', 'date', 'quote', 'claim', 'event'];

export type CorrectionInput =
  /** Every mention of `from` becomes a mention of `into` (in every article). */
  | { readonly kind: 'merge-entities'; readonly from: string; readonly into: string }
  /** The mentions of `entity` written as one of `names` become a separate entity `newId` (slug of names[0] when absent). */
  | { readonly kind: 'split-entity'; readonly entity: string; readonly names: readonly string[]; readonly newId?: string; readonly newType?: EntityType }
  /** The place entity `entity` (in every article, or in `article` only) is this gazetteer record. */
  | { readonly kind: 'fix-place'; readonly entity: string; readonly gazetteerId: string; readonly article?: string }
  /** One extracted value of one article is wrong: it is hidden. Matched by target, text and start offset. */
  | { readonly kind: 'reject'; readonly article: string; readonly target: CorrectionTarget; readonly text: string; readonly start: number };

/** The gazetteer record a fix-place correction points at, as resolved when it was made. */
export interface CorrectedPlace {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
  readonly admin1: string;
  readonly kind: PlaceKind;
}

export type Correction = CorrectionInput & {
  readonly id: number;
  readonly createdAt: string;
  readonly note: string | null;
  /** For fix-place: the gazetteer record. */
  readonly place?: CorrectedPlace;
};
