/**
 * The geocoding stage: the article's place entities (GPE, LOC, FAC) resolved
 * against the offline gazetteer in their context (resolve.ts), and the
 * article's geographic focus.
 *
 * The gazetteer is a resource passed in by the runner (core/resources.ts);
 * the resolution itself is a pure function of the document.
 */
import { placedWithin, retypeByTypeWord } from './within.js';
import type { Doc, Entity, Place } from '../core/doc.js';
import { use, type Stage } from '../core/stage.js';
import type { Gazetteer } from './gazetteer.js';
import { resolvePlaces } from './resolve.js';
import type { GeoResult, ToponymInput } from './resolve.js';

const PLACE_TYPES = new Set(['GPE', 'LOC', 'FAC']);

/** A runner-up is worth showing when it kept at least this share of the probability. */
const RUNNER_UP_SHARE = 0.1;

const toponymOf = (e: Entity): ToponymInput => ({
  id: e.id,
  // The entity's own name first, then its other forms, longest first.
  names: [e.name, ...[...e.aliases].filter((a) => a !== e.name).sort((a, b) => b.length - a.length)],
  mentions: e.mentions,
});

/** Curated kinds whose names are specific enough to overrule a PERSON reading. */
const SPECIFIC_KINDS = new Set(['site', 'crossing', 'river', 'sea']);

/**
 * A one-word PERSON entity with no title that is the name of a curated site,
 * crossing, river or sea ("including Dabiq" read as a surname) is that place:
 * retyped FAC (sites, crossings) or LOC (water), with the evidence noted.
 */
export function retypeKnownPlaces(entities: readonly Entity[], gazetteer: Gazetteer): Entity[] {
  return entities.map((e) => {
    if (e.type !== 'PERSON' || e.roles.length > 0 || /\s/.test(e.name)) return e;
    const place = gazetteer.candidates(e.name).find((r) => SPECIFIC_KINDS.has(r.kind));
    if (!place) return e;
    return { ...e, type: place.kind === 'river' || place.kind === 'sea' ? 'LOC' : 'FAC', source: `${e.source}+gazetteer`, confidence: Math.min(e.confidence, 0.7) };
  });
}

/** A mention written as a place: "in Kafr Laha", "near the village of Rityan", "the town of Tel Hamis". */
const LOCATIVE_BEFORE = /\b(?:in|near|at|into|from|outside|around|towards?|of|across)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|rural|besieged|nearby|rebel-held|government-held)\s+)?(?:(?:town|village|city|district|neighbou?rhood|province|area|region|countryside|suburbs?|outskirts)\s+of\s+)?$/i;
const MISREAD_TYPES = new Set(['ORG', 'PERSON', 'NORP']);

/**
 * A name the recognizer typed ORG, PERSON or NORP that is written as a place ("in Kafr Laha") and that the
 * gazetteer lists in the country the article is about is that place: retyped GPE, with the evidence noted. A
 * person with a title or role, and a name never written as a place in prose, keep their type.
 */
export function retypeLocatedNames(text: string, entities: readonly Entity[], gazetteer: Gazetteer, country: string | null): Entity[] {
  if (!country) return [...entities];
  return entities.map((e) => {
    if (!MISREAD_TYPES.has(e.type) || e.roles.length > 0) return e;
    if (!gazetteer.candidates(e.name).some((r) => r.country === country)) return e;
    // Written as a place by a preposition in prose, not by the shouted "AT" of a sports fixture ("NEW YORK AT
    // CHICAGO": the teams are named by their cities).
    const located = e.mentions.some((m) => {
      const before = LOCATIVE_BEFORE.exec(text.slice(Math.max(0, m.start - 60), m.start));
      return before !== null && !/^\p{Lu}{2,}\b/u.test(before[0]);
    });
    if (!located) return e;
    return { ...e, type: 'GPE', source: `${e.source}+gazetteer-context`, confidence: Math.min(e.confidence, 0.6) };
  });
}

export function geocode(text: string, entities: readonly Entity[], gazetteer: Gazetteer): { places: Place[]; result: GeoResult } {
  const toponyms = entities.filter((e) => PLACE_TYPES.has(e.type)).map(toponymOf);
  const result = resolvePlaces({ text, toponyms }, gazetteer);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const places = result.resolutions.map((r): Place => {
    const entity = byId.get(r.toponym.id)!;
    const runner = r.runnerUp && r.runnerUp.confidence >= RUNNER_UP_SHARE ? r.runnerUp : null;
    return {
      entity: entity.id,
      name: entity.name,
      gazetteerId: r.record.gazetteerId,
      gazetteerName: r.record.name,
      lat: r.record.lat,
      lon: r.record.lon,
      country: r.record.country,
      admin1: r.record.admin1,
      kind: r.record.kind,
      runnerUp: runner
        ? { gazetteerId: runner.record.gazetteerId, name: runner.record.name, lat: runner.record.lat, lon: runner.record.lon, country: runner.record.country, confidence: Number(runner.confidence.toFixed(3)) }
        : null,
      evidence: r.evidence,
      source: 'geocode-v1',
      confidence: Number(r.confidence.toFixed(3)),
    };
  });
  return { places, result };
}

export const geocodeStage: Stage = {
  name: 'geocode',
  requires: ['text', 'entities'],
  assigns: ['entities', 'places', 'geoFocus'],
  uses: ['gazetteer'],
  run(doc: Doc, ctx) {
    const gazetteer = use(ctx, this, 'gazetteer');
    const known = retypeByTypeWord(doc.text, retypeKnownPlaces(doc.entities, gazetteer));
    const first = geocode(doc.text, known, gazetteer);
    // Names misread as organisations or people, found once the article's country is known, are placed in context.
    const entities = retypeLocatedNames(doc.text, known, gazetteer, first.result.focus?.country ?? null);
    const { places, result } = entities.some((e, k) => e !== known[k]) ? geocode(doc.text, entities, gazetteer) : first;
    // Places the gazetteer does not hold, placed in the city or region the text puts them in.
    return { ...doc, entities, places: placedWithin(doc.text, entities, places, result.focus?.country ?? null), geoFocus: result.focus };
  },
};
