/**
 * The events stage: typed events (armed clashes, airstrikes, captures of
 * territory, ...) with actors, targets, place, date and casualties, read from
 * each sentence by extract.ts. Pure: the trigger table is project data
 * imported as JSON.
 */
import type { Doc } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import { extractEvents } from './extract.js';

export { extractEvents } from './extract.js';

export const eventsStage: Stage = {
  name: 'events',
  requires: ['text', 'sentences', 'tokens', 'syntax', 'entities', 'places', 'dates', 'meta'],
  assigns: ['events'],
  uses: [],
  run: (doc: Doc) => ({ ...doc, events: extractEvents(doc) }),
};
