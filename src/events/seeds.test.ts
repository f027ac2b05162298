/**
 * Seed acceptance: events on the seed articles analysed by the full pipeline.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analysedSeeds, HAVE_SEEDS } from '../pipeline/seeds.fixture.js';
import type { Doc, NewsEvent } from '../core/doc.js';

const eventsOf = (doc: Doc): readonly NewsEvent[] => doc.events;
const sentenceOf = (doc: Doc, e: NewsEvent) => doc.text.slice(e.sentence.start, e.sentence.end);

test('seed 004: "seized the town of Mayadeen" is territory captured by the Syrian forces, at Mayadin', { skip: !HAVE_SEEDS }, () => {
  const doc = analysedSeeds()[4]!;
  const e = eventsOf(doc).find((x) => x.type === 'territory-captured' && /seized the town of Mayadeen/.test(sentenceOf(doc, x)));
  assert.ok(e, 'no territory-captured event for the Mayadeen sentence');
  // "Syrian troops" is the Syrian Arab Army (alias table).
  assert.deepEqual(e.actors, ['syrian-arab-army']);
  assert.ok(e.targets.includes('islamic-state'), JSON.stringify(e.targets));
  const mayadin = doc.places.find((p) => p.name === 'Mayadin' || p.gazetteerName.startsWith('Al Mayadin'));
  assert.ok(mayadin, 'Mayadin is not a resolved place');
  assert.equal(e.place, mayadin.entity);
});

test('seed 003: "the city may be liberated" is not an event; the retaking of Mayadeen is', { skip: !HAVE_SEEDS }, () => {
  const doc = analysedSeeds()[3]!;
  const events = eventsOf(doc);
  assert.equal(events.filter((x) => /may be liberated/.test(sentenceOf(doc, x))).length, 0);
  const retook = events.find((x) => x.type === 'territory-captured' && /retook the town of Mayadeen/.test(sentenceOf(doc, x)));
  assert.ok(retook);
  assert.equal(retook.date, '2017-10-14');
});

test('every event of every seed points at a sentence, known entities and a known place', { skip: !HAVE_SEEDS }, () => {
  for (const doc of analysedSeeds()) {
    const ids = new Set(doc.entities.map((x) => x.id));
    const placeIds = new Set(doc.places.map((p) => p.entity));
    for (const e of eventsOf(doc)) {
      assert.ok(doc.sentences.some((s) => s.start === e.sentence.start && s.end === e.sentence.end));
      for (const id of [...e.actors, ...e.targets]) assert.ok(ids.has(id), id);
      if (e.place) assert.ok(placeIds.has(e.place), e.place);
      assert.ok(e.confidence > 0 && e.confidence <= 1);
    }
  }
});
