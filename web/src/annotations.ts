/**
 * The reader's highlight layers: every extracted value of an article record
 * as a mark on its text, with the class and hover title it is shown with.
 */
import type { ArticleRecord } from '../../src/serve/api.js';
import type { Mark } from './segments.js';
import type { Range } from './routes.js';

export type Layer = 'entity' | 'place' | 'date' | 'quote' | 'event';

export const LAYERS: readonly { layer: Layer; label: string }[] = [
  { layer: 'entity', label: 'Entities' },
  { layer: 'place', label: 'Places' },
  { layer: 'date', label: 'Dates' },
  { layer: 'quote', label: 'Quotes' },
  { layer: 'event', label: 'Event words' },
];

export interface Highlight {
  /** Null for the range the page was opened at (`?hl=`), which is not a layer. */
  readonly layer: Layer | null;
  readonly className: string;
  readonly title: string | null;
}

const KNOWN_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT']);
/** Class for an entity type's colour; unknown types share one. */
export const typeClass = (type: string) => `ent-${KNOWN_TYPES.has(type) ? type : 'OTHER'}`;

/** Who said a quote, for its hover title. */
export function speakerLine(q: { speaker: string | null; anonymous: boolean; role?: string | null }): string {
  const who = q.speaker ?? 'unknown speaker';
  const role = q.role ? `, ${q.role}` : '';
  return `${who}${role}${q.anonymous ? ' (anonymous source)' : ''}`;
}

export function highlights(record: ArticleRecord, layers: ReadonlySet<Layer>, target: Range | null): Mark<Highlight>[] {
  const placeByEntity = new Map(record.places.map((p) => [p.entity, p]));
  const marks: Mark<Highlight>[] = [];
  for (const e of record.entities) {
    const place = placeByEntity.get(e.id);
    const layer: Layer = place ? 'place' : 'entity';
    if (!layers.has(layer)) continue;
    const value: Highlight = place
      ? { layer, className: 'hl-place', title: `${place.name} → ${place.gazetteerName}${place.country ? `, ${place.country}` : ''} (${place.kind})` }
      : { layer, className: `hl-entity ${typeClass(e.type)}`, title: `${e.name} (${e.type})` };
    for (const m of e.mentions) marks.push({ start: m.start, end: m.end, value });
  }
  if (layers.has('date'))
    for (const d of record.dates) marks.push({ start: d.start, end: d.end, value: { layer: 'date', className: 'hl-date', title: `date: ${d.value ?? 'not resolved'}` } });
  if (layers.has('quote'))
    for (const q of record.quotes) marks.push({ start: q.start, end: q.end, value: { layer: 'quote', className: 'hl-quote', title: `Speaker: ${speakerLine(q)}` } });
  if (layers.has('event'))
    for (const e of record.events)
      if (e.trigger) marks.push({ start: e.trigger.start, end: e.trigger.end, value: { layer: 'event', className: 'hl-event', title: `event: ${e.type}` } });
  if (target) marks.push({ start: target.start, end: target.end, value: { layer: null, className: 'hl-target', title: null } });
  return marks;
}
