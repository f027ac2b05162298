import { test } from 'node:test';
import assert from 'node:assert/strict';
import { focusPlaces } from './mapfocus.js';

const place = (name: string, kind: string, mentions: number) => ({ name, kind, mentions, lat: 0, lon: 0 });

test('the map frames the local places with a real share of mentions, not the countries', () => {
  const places = [place('United States', 'country', 36), place('Raqqa', 'city', 37), place('Mosul', 'city', 21), place('Mayadin', 'city', 8), place('London', 'city', 1), place('Russia', 'country', 7)];
  assert.deepEqual(focusPlaces(places).map((p) => p.name), ['Raqqa', 'Mosul', 'Mayadin']);
});

test('a story that names only countries is framed by them', () => {
  const places = [place('Iraq', 'country', 3), place('Syria', 'country', 2)];
  assert.deepEqual(focusPlaces(places).map((p) => p.name), ['Iraq', 'Syria']);
  assert.deepEqual(focusPlaces([]), []);
});
