import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity } from '../core/doc.js';
import type { Gazetteer, GazetteerRecord } from './gazetteer.js';
import { retypeLocatedNames } from './index.js';

const record = (name: string, country: string): GazetteerRecord =>
  ({ index: 0, gazetteerId: `test:${name}`, name, names: [name], lat: 35, lon: 36, kind: 'city', featureCode: 'PPL', country, admin1: null, population: 0 }) as unknown as GazetteerRecord;
/** Only what retypeLocatedNames reads: candidates by name. */
const gazetteer = { candidates: (name: string) => (name === 'Kafr Laha' ? [record('Kafr Laha', 'SY')] : name === 'Milis' ? [record('Milis', 'IT')] : []) } as unknown as Gazetteer;
const entity = (name: string, type: Entity['type'], start: number, roles: string[] = []): Entity => ({
  id: name.toLowerCase().replace(/\s+/g, '-'),
  name,
  type,
  aliases: [name],
  mentions: [{ start, end: start + name.length, text: name }],
  roles,
  source: 'test',
  confidence: 0.8,
});

test('a name misread as a person or organisation, written as a place and listed in the article\'s country, is a place', () => {
  const text = 'Shelling hit the village of Kafr Laha. Kafr Laha said nothing. Milis was quiet.';
  const got = retypeLocatedNames(text, [entity('Kafr Laha', 'PERSON', text.indexOf('Kafr')), entity('Milis', 'ORG', text.indexOf('Milis'))], gazetteer, 'SY');
  assert.deepEqual(got.map((e) => e.type), ['GPE', 'ORG']);
  assert.match(got[0]!.source, /gazetteer-context/);
  // Not written as a place, or in another country, or a titled person: unchanged.
  assert.equal(retypeLocatedNames('Kafr Laha said nothing.', [entity('Kafr Laha', 'PERSON', 0)], gazetteer, 'SY')[0]!.type, 'PERSON');
  assert.equal(retypeLocatedNames(text, [entity('Kafr Laha', 'PERSON', text.indexOf('Kafr'))], gazetteer, 'IQ')[0]!.type, 'PERSON');
  assert.equal(retypeLocatedNames(text, [entity('Kafr Laha', 'PERSON', text.indexOf('Kafr'), ['mayor'])], gazetteer, 'SY')[0]!.type, 'PERSON');
});

test('a name after the shouted AT of a fixture list keeps its type; once in prose is enough', () => {
  const fixture = 'BASEBALL RESULTS. MILIS AT Kafr Laha.';
  assert.equal(retypeLocatedNames(fixture, [entity('Kafr Laha', 'ORG', fixture.indexOf('Kafr'))], gazetteer, 'SY')[0]!.type, 'ORG');
  const text = 'Kafr Laha won. Kafr Laha lost. Fans in Kafr Laha cheered.';
  const starts = [...text.matchAll(/Kafr Laha/g)].map((m) => m.index);
  const named: Entity = { ...entity('Kafr Laha', 'ORG', 0), mentions: starts.map((s) => ({ start: s, end: s + 9, text: 'Kafr Laha' })) };
  assert.equal(retypeLocatedNames(text, [named], gazetteer, 'SY')[0]!.type, 'GPE');
});
