/**
 * Exports of article records for other tools: events as ACLED-like CSV (for
 * conflict-data workflows), places as GeoJSON (for GIS), records as JSON
 * Lines. Pure string and object builders; the routes stream them.
 */
import type { ArticleRecord } from '../core/record.js';
import type { NewsEvent } from '../core/doc.js';
import { outletOf } from '../stories/compare.js';

export const EVENT_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'event_type',
  'actor1',
  'assoc_actor_1',
  'actor2',
  'assoc_actor_2',
  'country',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
  'article_id',
  'url',
  'confidence',
] as const;

type Cell = string | number;
type EventRow = Readonly<Record<(typeof EVENT_COLUMNS)[number], Cell>>;

/**
 * A text cell a spreadsheet would run as a formula gets a leading apostrophe.
 * Numbers are left alone: a negative longitude is data, not a formula.
 */
function guarded(cell: Cell): string {
  if (typeof cell === 'number') return String(cell);
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(cell: Cell): string {
  const text = guarded(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: readonly Cell[]) => cells.map(csvField).join(',') + '\r\n';

/** ACLED's geo_precision: 1 a town or site, 2 a region inside a country, 3 a country or wider; '' when the kind says nothing. */
const PRECISION: Readonly<Record<string, number>> = { city: 1, site: 1, crossing: 1, admin1: 2, admin2: 2, country: 3, region: 3, continent: 3 };

/** Dead counted (the lower bound; every word for deaths is counted under `killed`); '' when none is stated. */
function fatalities(casualties: NewsEvent['casualties']): Cell {
  return casualties?.killed?.min ?? '';
}

function eventRow(record: ArticleRecord, event: NewsEvent, index: number): EventRow {
  const names = new Map(record.entities.map((e) => [e.id, e.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const place = event.place === null ? undefined : record.places.find((p) => p.entity === event.place);
  // The day, or a coarser date as stated; a range gives its first day.
  const date = (event.date ?? record.publishedAt ?? '').slice(0, 10);
  const [actor1 = '', ...assoc1] = event.actors.map(nameOf);
  const [actor2 = '', ...assoc2] = event.targets.map(nameOf);
  return {
    event_id_cnty: `${record.id}-${index}`,
    event_date: date,
    year: /^\d{4}/.test(date) ? date.slice(0, 4) : '',
    event_type: event.type,
    actor1,
    assoc_actor_1: assoc1.join('; '),
    actor2,
    assoc_actor_2: assoc2.join('; '),
    country: place?.country ?? '',
    location: place?.name ?? (event.place === null ? '' : nameOf(event.place)),
    latitude: place?.lat ?? '',
    longitude: place?.lon ?? '',
    geo_precision: (place && PRECISION[place.kind]) ?? '',
    source: outletOf(record),
    notes: record.text.slice(event.sentence.start, event.sentence.end),
    fatalities: fatalities(event.casualties),
    article_id: record.id,
    url: record.url ?? '',
    confidence: event.confidence,
  };
}

/** Every event of the records as CSV with ACLED-like columns: a header row, then one row per event, CRLF line ends. */
export function eventsCsv(records: readonly ArticleRecord[]): string {
  const rows = records.flatMap((r) => r.events.map((e, i) => eventRow(r, e, i)));
  return csvLine(EVENT_COLUMNS) + rows.map((row) => csvLine(EVENT_COLUMNS.map((c) => row[c]))).join('');
}

/** The records as JSON Lines: one object and a newline each. */
export function* articlesJsonl(records: Iterable<ArticleRecord>): Generator<string> {
  for (const r of records) yield JSON.stringify(r) + '\n';
}
