/**
 * The two kinds of annotation the scorer compares, in its one shape (`Side`,
 * score.ts): a hand annotation (gold, or the second pass) and the pipeline's
 * Doc, whose offsets point into the cleaned text and are mapped back onto the
 * dataset row's body here.
 */
import type { Doc } from '../../src/core/doc.js';
import type { TextAlignment } from '../lib/align.js';
import type { NewsAnnotation } from './schema.js';
import type { Side } from './score.js';

/** A hand annotation as a Side: places and speakers also go by the aliases of the entity of their name. */
export function sideOfAnnotation(a: NewsAnnotation): Side {
  const entity = (name: string) => a.entities.find((e) => e.name === name);
  return {
    publishedAt: a.publishedAt,
    entities: a.entities,
    places: a.places.map((p) => ({ name: p.name, names: [p.name, ...p.aliases, ...(entity(p.name)?.aliases ?? [])], lat: p.lat, lon: p.lon, country: p.country, kind: p.kind })),
    quotes: a.quotes.map((q) => ({ start: q.contentStart, speaker: q.speaker, speakerNames: [q.speaker, ...(entity(q.speaker)?.aliases ?? [])], speakerIsPerson: entity(q.speaker)?.type === 'PERSON', anonymous: q.anonymous })),
    dates: a.dates,
    events: a.events,
  };
}

/** A cleaned-text offset in the body; an offset on whitespace takes the next word's start. */
function startInBody(doc: Doc, align: TextAlignment, offset: number): number | null {
  let at = offset;
  while (at < doc.text.length && /\s/.test(doc.text[at]!)) at++;
  return align.toInput(at);
}

/** A cleaned-text end offset (exclusive) in the body. */
function endInBody(align: TextAlignment, end: number): number | null {
  const last = align.toInput(end - 1);
  return last === null ? null : last + 1;
}

/** The pipeline's analysis as a Side, every offset mapped onto the body the Doc was made from. */
export function sideOfDoc(doc: Doc, align: TextAlignment): Side {
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const namesOf = (id: string | null) => {
    const e = id === null ? undefined : byId.get(id);
    return e ? [e.name, ...e.aliases] : [];
  };
  return {
    publishedAt: doc.meta.publishedAt,
    entities: doc.entities.map((e) => ({ name: e.name, type: e.type, aliases: e.aliases })),
    places: doc.places.map((p) => ({ name: p.name, names: [p.name, ...namesOf(p.entity)], lat: p.lat, lon: p.lon, country: p.country || null, kind: p.kind })),
    quotes: doc.quotes.map((q) => ({
      start: startInBody(doc, align, q.start),
      speaker: q.speaker,
      speakerNames: [...(q.speaker === null ? [] : [q.speaker]), ...namesOf(q.speakerEntity)],
      speakerIsPerson: q.speakerEntity !== null && byId.get(q.speakerEntity)?.type === 'PERSON',
      anonymous: q.anonymous,
    })),
    dates: doc.dates.map((d) => ({ start: startInBody(doc, align, d.start), end: endInBody(align, d.end), value: d.value })),
    events: doc.events.map((e) => ({ type: e.type, date: e.date, place: e.place === null ? null : (byId.get(e.place)?.name ?? e.place) })),
  };
}

/** What the pipeline gives for an article it refused: nothing. */
export function refusedSide(reason: string): Side {
  return { failed: reason, publishedAt: null, entities: [], places: [], quotes: [], dates: [], events: [] };
}
