/**
 * Places the gazetteer does not hold: a village, a city's neighbourhood, a square, a hospital. A reader places them
 * by what the text says they lie in ("the al-Midan neighbourhood of Aleppo", "Milis in Idlib province", "Aleppo's
 * al-Masharqa district"); so does this step, at the container's coordinates, with evidence `within` and a
 * confidence below the container's. A name the gazetteer places in another country than the one the article is
 * about ("Milis", a town in Italy) is placed so too when the text puts it inside a place of that country.
 *
 * A name the recognizer typed as a person, organisation or nationality that the text calls a village, town or
 * neighbourhood ("the village of Kafr Laha", "the al-Midan neighbourhood") is a place: retyped first.
 *
 * Pure: text, entities and the resolved places in, places (and entities) out.
 */
import type { Entity, Place } from '../core/doc.js';
import type { PlaceKind } from '../core/contract.js';
import words from './data/within.json' with { type: 'json' };
import { alternation } from '../core/patterns.js';


const SETTLEMENTS = alternation(words.settlementWords);
const SITES = alternation(words.siteWords);
const TYPE_WORDS = `${SETTLEMENTS}|${SITES}`;
const SIDES = alternation(words.sideWords);
/** "X neighbourhood in", "X, in", "X village of": a type word (optional), then the preposition of containment. */
const INSIDE_AFTER = new RegExp(`^\\s*(?:(${TYPE_WORDS})\\b\\s*)?,?\\s*(?:in|of|near|outside|on\\s+the\\s+outskirts\\s+of)\\s+(?:the\\s+)?(?:(?:${SIDES})\\s+)*(?:(?:city|province|town|countryside)\\s+of\\s+)?`, 'iu');
/** "Aleppo's al-Masharqa district": the container's possessive right before the name. */
const POSSESSIVE_BEFORE = /['’]s\s+(?:(?:northern|southern|eastern|western|central|old)\s+)?$/iu;
/** A type word written with the name: "the village of X", "X neighbourhood". */
const TYPE_BEFORE = new RegExp(`\\b(${TYPE_WORDS})\\s+of\\s+(?:the\\s+)?$`, 'iu');
const TYPE_AFTER = new RegExp(`^\\s+(${TYPE_WORDS})\\b`, 'iu');
const SETTLEMENT = new RegExp(`^(?:${SETTLEMENTS})$`, 'iu');

/** Containers precise enough to place something inside: not a country or a continent. */
const CONTAINER_KINDS = new Set<PlaceKind>(['city', 'admin1', 'admin2', 'region']);
const PLACE_TYPES = new Set(['GPE', 'LOC', 'FAC']);
const MISREAD_TYPES = new Set(['PERSON', 'ORG', 'NORP']);
/** What a place placed by its container is worth, as a share of the container's confidence. */
const WITHIN_SHARE = 0.5;

/** The type word written with one of the entity's mentions, before ("the village of") or after ("neighbourhood"). */
function typeWordOf(text: string, e: Entity): string | null {
  for (const m of e.mentions) {
    const before = TYPE_BEFORE.exec(text.slice(Math.max(0, m.start - 40), m.start));
    if (before) return before[1]!.toLowerCase();
    // "the Syrian city of ...", "a Shiite town": a nationality before a type word describes the place, is not it.
    if (e.type === 'NORP') continue;
    const after = TYPE_AFTER.exec(text.slice(m.end, m.end + 20));
    if (after) return after[1]!.toLowerCase();
  }
  return null;
}

/** Names misread as people or organisations that the text calls a settlement or a part of one: GPE, or FAC for a site. */
export function retypeByTypeWord(text: string, entities: readonly Entity[]): Entity[] {
  return entities.map((e) => {
    if (!MISREAD_TYPES.has(e.type) || e.roles.length > 0) return e;
    const word = typeWordOf(text, e);
    if (!word) return e;
    return { ...e, type: SETTLEMENT.test(word) ? 'GPE' : 'FAC', source: `${e.source}+type-word`, confidence: Math.min(e.confidence, 0.6) };
  });
}

/**
 * Places for the place entities the gazetteer left unplaced, or placed in another country than `focus`, that the
 * text puts inside a placed city or region (of `focus`, when the article has one).
 */
export function placedWithin(text: string, entities: readonly Entity[], places: readonly Place[], focus: string | null): Place[] {
  const placeOf = new Map(places.map((p) => [p.entity, p]));
  const containers = places.filter((p) => CONTAINER_KINDS.has(p.kind) && (focus === null || p.country === focus));
  if (containers.length === 0) return [...places];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const mentionsAt = new Map<number, Place>();
  const mentionsEnding = new Map<number, Place>();
  for (const p of containers) {
    for (const m of byId.get(p.entity)?.mentions ?? []) {
      mentionsAt.set(m.start, p);
      mentionsEnding.set(m.end, p);
    }
  }
  const out = [...places];
  for (const e of entities) {
    if (!PLACE_TYPES.has(e.type)) continue;
    const current = placeOf.get(e.id);
    // Placed in the article's country already, or placed by strong evidence: left as it is.
    if (current && (focus === null || current.country === focus || current.kind === 'country' || current.evidence.includes('containment'))) continue;
    let container: Place | null = null;
    for (const m of e.mentions) {
      const inside = INSIDE_AFTER.exec(text.slice(m.end, m.end + 60));
      if (inside) {
        const at = m.end + inside[0].length;
        container = mentionsAt.get(at) ?? null;
      }
      if (!container) {
        const before = POSSESSIVE_BEFORE.exec(text.slice(Math.max(0, m.start - 20), m.start));
        if (before) container = mentionsEnding.get(m.start - before[0].length) ?? null;
      }
      if (container && container.entity !== e.id) break;
      container = null;
    }
    if (!container) continue;
    const word = typeWordOf(text, e);
    const place: Place = {
      entity: e.id,
      name: e.name,
      gazetteerId: container.gazetteerId,
      gazetteerName: container.gazetteerName,
      lat: container.lat,
      lon: container.lon,
      country: container.country,
      admin1: container.admin1,
      kind: word && SETTLEMENT.test(word) ? 'city' : 'site',
      runnerUp: null,
      evidence: ['within'],
      source: 'geocode-v1',
      confidence: Number((container.confidence * WITHIN_SHARE).toFixed(3)),
    };
    const k = out.findIndex((p) => p.entity === e.id);
    if (k >= 0) out[k] = place;
    else out.push(place);
  }
  return out;
}
