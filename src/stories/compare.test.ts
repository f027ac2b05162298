import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Claim, Quantity, Quote } from '../core/doc.js';
import { compareOutlets, rangesOverlap, unitKey, type CompareSource } from './compare.js';

// Three short reports written for these tests, about a flood in the town of Arden.
const qty = (text: string, min: number | null, max: number | null, unit: string, of: string | null, start = 0): Quantity => ({ start, end: start + text.length, text, min, max, unit, of });
const claim = (text: string, speaker: string | null, quantities: readonly Quantity[], quote: number | null = null, anonymous = false): Claim => ({ text, speaker, anonymous, quote, quantities, source: 'test', confidence: 0.8 });
const quote = (text: string, speaker: string | null, speakerEntity: string | null, cue: string, anonymous = false): Quote => ({
  start: 0, end: text.length, text, direct: false, speaker, speakerEntity, speakerMention: null, role: null, anonymous, cue, cueSpan: null, via: [], source: 'test', confidence: 0.8,
});
const arden = { entity: 'arden', name: 'Arden', gazetteerId: '1', gazetteerName: 'Arden', lat: 1, lon: 1, country: 'XX', admin1: '', kind: 'city', confidence: 0.9, source: 'test' } as unknown as CompareSource['places'][number];
const record = (id: string, domain: string, text: string, claims: Claim[], quotes: readonly Quote[] = [], forms: string[] = ['Arden Water Board']): CompareSource => ({
  id, input: `${id}.txt`, outlet: domain, domain, text, places: [arden], quotes, claims, events: [],
  entities: [
    { id: 'arden', name: 'Arden', type: 'GPE', aliases: [], roles: [], confidence: 1, mentions: [{ start: 0, end: 5, text: 'Arden' }] },
    { id: 'arden-water-board', name: 'Arden Water Board', type: 'ORG', aliases: [], roles: [], confidence: 1, mentions: forms.map((f) => ({ start: 0, end: f.length, text: f })) },
  ],
});

const a = record('a', 'daily.example', 'Officials in Arden said 40 people died in the flood. Insurgents were not involved.', [
  claim('Officials in Arden said 40 people died in the flood', 'officials', [qty('40 people', 40, 40, 'died', null)], 0),
], [quote('40 people died in the flood', 'officials', null, 'said')]);
const b = record('b', 'river.example', 'At least 120 people were killed in the Arden flood, the Red Cross said.', [
  claim('At least 120 people were killed in the Arden flood, the Red Cross said', 'Red Cross', [qty('At least 120 people', 120, null, 'killed', null)], 0),
], [quote('At least 120 people were killed in the Arden flood', 'Red Cross', 'red-cross', 'said')], ['AWB', 'AWB']);
const c = record('c', 'wire.example', 'The Arden flood killed 40 people, hospital staff in Arden said.', [
  claim('The Arden flood killed 40 people, hospital staff in Arden said', 'hospital staff', [qty('40 people', 40, 40, 'killed', null)], 0),
], [quote('The Arden flood killed 40 people', 'hospital staff', null, 'said')]);

test('a different figure for the same count contradicts; the same figure from another source corroborates', () => {
  const r = compareOutlets([a, b, c]);
  const officials = r.claims.find((x) => x.speaker === 'officials')!;
  assert.deepEqual(officials.contradictedBy, ['river.example']);
  assert.deepEqual(officials.corroboratedBy, ['wire.example']);
  assert.equal(r.conflicts.length, 1);
  assert.deepEqual(r.conflicts[0]!.figures.map((f) => f.min), [40, 40, 120]);
  assert.equal(r.conflicts[0]!.quantity, 'killed');
});

test('the same statement carried by two outlets is one claim carried by both', () => {
  const copy = record('d', 'copy.example', c.text, [claim(c.claims[0]!.text, 'hospital staff', c.claims[0]!.quantities, 0)], c.quotes);
  const r = compareOutlets([c, copy]);
  assert.equal(r.claims.length, 1);
  assert.deepEqual(r.claims[0]!.carriedBy, ['wire.example', 'copy.example']);
  assert.equal(r.outlets.every((o) => o.exclusiveClaims === 0), true);
});

test('one voice giving two figures in one article is not a conflict', () => {
  const one = record('e', 'one.example', 'A convoy of 30 fighters left Arden. Hundreds of fighters were in Arden.', [
    claim('A convoy of 30 fighters left Arden.', 'one.example', [qty('30 fighters', 30, 30, 'fighters', 'group')]),
    claim('Hundreds of fighters were in Arden.', 'one.example', [qty('Hundreds of fighters', 200, null, 'fighters', 'group', 40)]),
  ]);
  assert.equal(compareOutlets([one]).conflicts.length, 0);
});

test('outlets: the words each uses for one actor, labels, and the share of anonymous sources', () => {
  const anon = record('f', 'river.example', 'Militants fled Arden, a source who asked not to be named said.', [claim('Militants fled Arden', 'a source who asked not to be named', [], 0, true)], [quote('Militants fled Arden', 'a source', null, 'said', true)], ['AWB']);
  const r = compareOutlets([a, b, anon]);
  const river = r.outlets.find((o) => o.domain === 'river.example')!;
  assert.equal(river.articles, 2);
  assert.deepEqual(river.sources, { named: 1, anonymous: 1, anonymousShare: 0.5 });
  assert.equal(river.terms['AWB'], 3);
  assert.equal(river.labels['militants'], 1);
  const daily = r.outlets.find((o) => o.domain === 'daily.example')!;
  assert.equal(daily.terms['Arden Water Board'], 1);
  assert.equal(daily.labels['insurgents'], 1);
});

test('figures and units', () => {
  assert.equal(unitKey('militants'), unitKey('fighters'));
  assert.equal(unitKey('dead'), 'killed');
  assert.ok(rangesOverlap({ min: 3000, max: 4500 }, { min: 4000, max: null }));
  assert.ok(!rangesOverlap({ min: 3000, max: 4500 }, { min: 9000, max: null }));
  assert.ok(!rangesOverlap({ min: 40, max: 40 }, { min: 120, max: null }));
});
