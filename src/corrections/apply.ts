/**
 * Applying the user's corrections to an article record when it is read.
 *
 * Corrections are kept apart from the analysis, so re-processing an article
 * never loses them; article and entity ids are stable, which is all they
 * refer to. Every function here is pure: records come in, new records go
 * out, and a correction that does not touch a record leaves it as it was
 * (and is not reported as applied).
 */
import type { ArticleRecord } from '../core/record.js';
import type { EntityType, NewsEvent, Place } from '../core/doc.js';
import { slug } from '../resolve/names.js';
import type { CorrectedPlace, Correction, CorrectionTarget } from './types.js';

type Entity = ArticleRecord['entities'][number];
type Mention = Entity['mentions'][number];

/**
 * The id a split-off entity gets when the correction names none: the
 * pipeline's own id form, so it matches the id the pipeline gives that name.
 */
export const slugOf: (name: string) => string = slug;

/** The record with `corrections` applied in the order they were made, and those that changed it. */
export function applyCorrections(record: ArticleRecord, corrections: readonly Correction[]): { record: ArticleRecord; applied: Correction[] } {
  const applied: Correction[] = [];
  let current = record;
  for (const correction of [...corrections].sort((a, b) => a.id - b.id)) {
    const next = applyOne(current, correction);
    if (next === null) continue;
    current = next;
    applied.push(correction);
  }
  return { record: current, applied };
}

/** One correction applied; null when it does not change this record. */
function applyOne(record: ArticleRecord, c: Correction): ArticleRecord | null {
  switch (c.kind) {
    case 'merge-entities':
      return mergeEntities(record, c.from, c.into);
    case 'split-entity':
      return splitEntity(record, c.entity, c.names, c.newId, c.newType);
    case 'fix-place':
      if (c.place === undefined || (c.article !== undefined && c.article !== record.id)) return null;
      return fixPlace(record, c.entity, c.gazetteerId, c.place);
    case 'reject':
      return c.article === record.id ? reject(record, c.target, c.text, c.start) : null;
  }
}

const distinct = <T>(items: Iterable<T>): T[] => [...new Set(items)];
const byStart = (a: Mention, b: Mention) => a.start - b.start || a.end - b.end;

/** Whether anything in the record refers to entity `id`. */
function refersTo(record: ArticleRecord, id: string): boolean {
  return (
    record.entities.some((e) => e.id === id) ||
    record.places.some((p) => p.entity === id) ||
    record.quotes.some((q) => q.speakerEntity === id) ||
    record.events.some((e) => e.place === id || e.actors.includes(id) || e.targets.includes(id)) ||
    record.claims.some((c) => c.quantities.some((q) => q.of === id))
  );
}

/** One entity entry from two that name the same thing: `keep`'s id, name and type, everything else pooled. */
function combine(keep: Entity, other: Entity): Entity {
  return {
    ...keep,
    aliases: distinct([...keep.aliases, ...other.aliases]),
    mentions: [...keep.mentions, ...other.mentions].sort(byStart),
    roles: distinct([...keep.roles, ...other.roles]),
    confidence: Math.max(keep.confidence, other.confidence),
  };
}

/** Event roles under new ids: a role mapped to null is dropped, and no party ends up both actor and target. */
function remapEvent(event: NewsEvent, map: (id: string) => string | null): NewsEvent {
  const actors = distinct(event.actors.flatMap((id) => map(id) ?? []));
  const targets = distinct(event.targets.flatMap((id) => map(id) ?? [])).filter((id) => !actors.includes(id));
  return { ...event, actors, targets, place: event.place === null ? null : map(event.place) };
}

/** Quote speakers, event roles and quantity owners under new ids (null: the reference is dropped). */
function remapReferences(record: ArticleRecord, map: (id: string) => string | null): ArticleRecord {
  return {
    ...record,
    quotes: record.quotes.map((q) => (q.speakerEntity === null ? q : { ...q, speakerEntity: map(q.speakerEntity) })),
    events: record.events.map((e) => remapEvent(e, map)),
    claims: record.claims.map((c) => ({ ...c, quantities: c.quantities.map((q) => (q.of === null ? q : { ...q, of: map(q.of) })) })),
  };
}

/** Every reference to `from` (entity entries aside) now points at `into`; a place `into` already has wins over `from`'s. */
function repoint(record: ArticleRecord, from: string, into: string): ArticleRecord {
  const intoHasPlace = record.places.some((p) => p.entity === into);
  const places = record.places.flatMap((p) => (p.entity !== from ? [p] : intoHasPlace ? [] : [{ ...p, entity: into }]));
  return { ...remapReferences(record, (id) => (id === from ? into : id)), places };
}

function mergeEntities(record: ArticleRecord, from: string, into: string): ArticleRecord | null {
  if (from === into || !refersTo(record, from)) return null;
  const source = record.entities.find((e) => e.id === from);
  const target = record.entities.find((e) => e.id === into);
  const entities =
    source && target
      ? record.entities.flatMap((e) => (e.id === from ? [] : e.id === into ? [combine(target, source)] : [e]))
      : record.entities.map((e) => (e.id === from ? { ...e, id: into } : e));
  return { ...repoint(record, from, into), entities };
}

/** Case and spacing do not count when a mention is matched against the names of a split. */
const nameKey = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

function splitEntity(record: ArticleRecord, entityId: string, names: readonly string[], newId?: string, newType?: EntityType): ArticleRecord | null {
  const old = record.entities.find((e) => e.id === entityId);
  const name = names[0]?.replace(/\s+/g, ' ').trim();
  if (old === undefined || !name) return null;
  const id = newId ?? slugOf(name);
  const wanted = new Set(names.map(nameKey));
  const moved = old.mentions.filter((m) => wanted.has(nameKey(m.text)));
  if (moved.length === 0 || id === '' || id === old.id) return null;
  const kept = old.mentions.filter((m) => !wanted.has(nameKey(m.text)));

  const split: Entity = { id, name, type: newType ?? old.type, aliases: distinct(moved.map((m) => m.text)), mentions: moved, roles: [], confidence: old.confidence };
  const existing = record.entities.find((e) => e.id === id);
  const rest: Entity | null = kept.length > 0 ? { ...old, mentions: kept, aliases: distinct(kept.map((m) => m.text)) } : null;
  const entities = record.entities.flatMap((e) => {
    if (e.id === id) return [combine(e, split)];
    if (e.id !== old.id) return [e];
    const pieces = rest ? [rest] : [];
    return existing ? pieces : [...pieces, split];
  });
  // With no mention left the old entity is gone, and whatever named it now names the split-off one.
  return { ...(rest ? record : repoint(record, old.id, id)), entities };
}

function fixPlace(record: ArticleRecord, entity: string, gazetteerId: string, place: CorrectedPlace): ArticleRecord | null {
  const existing = record.places.find((p) => p.entity === entity);
  const name = existing?.name ?? record.entities.find((e) => e.id === entity)?.name;
  if (name === undefined) return null;
  const fixed: Place = {
    entity,
    name,
    gazetteerId,
    gazetteerName: place.name,
    lat: place.lat,
    lon: place.lon,
    country: place.country,
    admin1: place.admin1,
    kind: place.kind,
    runnerUp: null,
    evidence: ['user-correction'],
    source: 'user-correction',
    confidence: 1,
  };
  const places = existing ? record.places.map((p) => (p.entity === entity ? fixed : p)) : [...record.places, fixed];
  return { ...record, places };
}

/** `items` without the item at `index`; null when there is none (nothing matched). */
function without<T>(items: readonly T[], index: number): T[] | null {
  return index < 0 ? null : items.filter((_, i) => i !== index);
}

/**
 * Hides one extracted value. Values are matched by their text and start
 * offset, except claims: a claim has no offsets, so it is matched by its
 * text alone (the first claim with that text).
 */
function reject(record: ArticleRecord, target: CorrectionTarget, text: string, start: number): ArticleRecord | null {
  const at = (s: { start: number; text: string }) => s.start === start && s.text === text;
  switch (target) {
    case 'entity':
      return rejectMention(record, at);
    case 'place':
      return rejectPlace(record, at, text);
    case 'date': {
      const dates = without(record.dates, record.dates.findIndex(at));
      return dates && { ...record, dates };
    }
    case 'quote':
      return rejectQuote(record, record.quotes.findIndex(at));
    case 'claim': {
      const claims = without(record.claims, record.claims.findIndex((c) => c.text === text));
      return claims && { ...record, claims };
    }
    case 'event':
      return rejectEvent(record, at, start);
  }
}

/** Drops one mention; an entity left with none disappears, with its place and the references to it. */
function rejectMention(record: ArticleRecord, at: (m: Mention) => boolean): ArticleRecord | null {
  const owner = record.entities.find((e) => e.mentions.some(at));
  if (owner === undefined) return null;
  const mentions = owner.mentions.filter((m) => !at(m));
  if (mentions.length > 0) return { ...record, entities: record.entities.map((e) => (e === owner ? { ...e, mentions } : e)) };
  return {
    ...remapReferences(record, (id) => (id === owner.id ? null : id)),
    entities: record.entities.filter((e) => e !== owner),
    places: record.places.filter((p) => p.entity !== owner.id),
  };
}

/** Drops the place resolved for the entity mentioned there (or, when no mention is there, the place of that name); events lose it as their place. */
function rejectPlace(record: ArticleRecord, at: (m: Mention) => boolean, text: string): ArticleRecord | null {
  const owner = record.entities.find((e) => e.mentions.some(at));
  const place = owner ? record.places.find((p) => p.entity === owner.id) : record.places.find((p) => p.name === text);
  if (place === undefined) return null;
  return {
    ...record,
    places: record.places.filter((p) => p !== place),
    events: record.events.map((e) => (e.place === place.entity ? { ...e, place: null } : e)),
  };
}

/** Drops a quote and the claims drawn from it; the other claims' quote indices follow the shorter list. */
function rejectQuote(record: ArticleRecord, index: number): ArticleRecord | null {
  const quotes = without(record.quotes, index);
  if (quotes === null) return null;
  const claims = record.claims
    .filter((c) => c.quote !== index)
    .map((c) => (c.quote !== null && c.quote > index ? { ...c, quote: c.quote - 1 } : c));
  return { ...record, quotes, claims };
}

/** Drops the event whose trigger is there, else the first event of the sentence starting there. */
function rejectEvent(record: ArticleRecord, at: (s: { start: number; text: string }) => boolean, start: number): ArticleRecord | null {
  const byTrigger = record.events.findIndex((e) => e.trigger !== undefined && at(e.trigger));
  const index = byTrigger >= 0 ? byTrigger : record.events.findIndex((e) => e.sentence.start === start);
  const events = without(record.events, index);
  return events && { ...record, events };
}
