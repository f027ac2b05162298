/**
 * The shape of one news development annotation (../shared/ANNOTATION.md) and
 * its checks: fields and types, offsets inside the body, the body hash.
 */
import { sha1, type DevRow } from './corpus.js';

export interface Manifest {
  readonly seed: number;
  readonly articles: readonly { source: string; row: string; outlet: string; bodySha1: string; chars: number }[];
}

export const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'] as const;
export const PLACE_KINDS = ['city', 'region', 'country', 'water', 'site'] as const;
export const EVENT_TYPES = [
  'armed-clash', 'airstrike', 'shelling', 'bombing', 'chemical-attack', 'territory-captured', 'withdrawal', 'evacuation',
  'agreement', 'surrender', 'civilian-harm', 'arrest', 'statement', 'humanitarian',
] as const;

export interface NewsAnnotation {
  readonly source: string;
  readonly row: string;
  readonly bodySha1: string;
  readonly publishedAt: string | null;
  readonly entities: readonly { name: string; type: (typeof ENTITY_TYPES)[number]; aliases: readonly string[] }[];
  readonly places: readonly { name: string; aliases: readonly string[]; lat: number; lon: number; kind: (typeof PLACE_KINDS)[number]; country: string | null }[];
  readonly quotes: readonly { contentStart: number; speaker: string; anonymous: boolean }[];
  readonly dates: readonly { start: number; end: number; value: string }[];
  readonly events: readonly { type: (typeof EVENT_TYPES)[number]; date: string | null; place: string | null }[];
}

const DAY_GRAIN = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Problems with one annotation; empty when it is sound. */
export function validateAnnotation(a: unknown, rows: ReadonlyMap<string, DevRow>, manifest: Manifest): string[] {
  const p: string[] = [];
  const x = a as NewsAnnotation;
  if (!x || typeof x !== 'object') return ['not an object'];
  const entry = manifest.articles.find((m) => m.source === x.source && m.row === x.row);
  if (!entry) return [`row ${x.row} of ${x.source} is not in the manifest`];
  const row = rows.get(`${x.source}#${x.row}`);
  if (!row) return [`row ${x.row} not found`];
  if (x.bodySha1 !== sha1(row.body)) p.push('bodySha1 does not match the body');
  if (x.publishedAt !== null && !/^\d{4}-\d{2}-\d{2}$/.test(x.publishedAt ?? '')) p.push(`publishedAt ${x.publishedAt} is not YYYY-MM-DD`);
  for (const key of ['entities', 'places', 'quotes', 'dates', 'events'] as const) if (!Array.isArray(x[key])) p.push(`${key} is not a list`);
  if (p.length) return p;
  const names = new Set<string>();
  for (const e of x.entities) {
    if (typeof e.name !== 'string' || !e.name) p.push(`entity without a name`);
    if (!(ENTITY_TYPES as readonly string[]).includes(e.type)) p.push(`entity ${e.name}: type ${e.type}`);
    if (!Array.isArray(e.aliases)) p.push(`entity ${e.name}: aliases is not a list`);
    if (names.has(e.name)) p.push(`entity ${e.name} listed twice`);
    names.add(e.name);
  }
  for (const pl of x.places) {
    if (typeof pl.lat !== 'number' || typeof pl.lon !== 'number' || Math.abs(pl.lat) > 90 || Math.abs(pl.lon) > 180) p.push(`place ${pl.name}: bad coordinates`);
    if (!(PLACE_KINDS as readonly string[]).includes(pl.kind)) p.push(`place ${pl.name}: kind ${pl.kind}`);
    if (!Array.isArray(pl.aliases)) p.push(`place ${pl.name}: aliases is not a list`);
  }
  for (const q of x.quotes) {
    if (!Number.isInteger(q.contentStart) || q.contentStart < 0 || q.contentStart >= row.body.length) p.push(`quote at ${q.contentStart}: offset outside the body`);
    if (typeof q.speaker !== 'string' || !q.speaker) p.push(`quote at ${q.contentStart}: no speaker`);
    if (typeof q.anonymous !== 'boolean') p.push(`quote at ${q.contentStart}: anonymous is not a boolean`);
  }
  for (const d of x.dates) {
    if (!Number.isInteger(d.start) || !Number.isInteger(d.end) || d.start < 0 || d.end > row.body.length || d.start >= d.end) p.push(`date ${d.start}-${d.end}: offsets outside the body`);
    if (!DAY_GRAIN.test(d.value)) p.push(`date ${d.start}-${d.end}: value ${d.value}`);
  }
  for (const ev of x.events) {
    if (!(EVENT_TYPES as readonly string[]).includes(ev.type)) p.push(`event type ${ev.type}`);
    if (ev.date !== null && !DAY_GRAIN.test(ev.date)) p.push(`event date ${ev.date}`);
  }
  return p;
}
