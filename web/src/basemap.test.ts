import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureCollection } from 'geojson';
import { drawableCountries, unwrapRing } from './basemap.js';

test('a ring cut at the antimeridian runs on past 180 instead of jumping back', () => {
  const ring = [
    [178, 65],
    [-179, 66],
    [-175, 67],
    [179, 68],
    [178, 65],
  ];
  assert.deepEqual(unwrapRing(ring), [
    [178, 65],
    [181, 66],
    [185, 67],
    [179, 68],
    [178, 65],
  ]);
});

test('rings that never cross are unchanged', () => {
  const ring = [
    [10, 1],
    [20, 2],
    [15, 5],
    [10, 1],
  ];
  assert.deepEqual(unwrapRing(ring), ring);
});

test('Antarctica is left out and multipolygons are unwrapped', () => {
  const countries: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: '010', properties: { name: 'Antarctica' }, geometry: { type: 'Polygon', coordinates: [[[0, -80], [10, -80], [0, -85], [0, -80]]] } },
      {
        type: 'Feature',
        id: '643',
        properties: { name: 'Russia' },
        geometry: { type: 'MultiPolygon', coordinates: [[[[179, 70], [-179, 71], [179, 72], [179, 70]]]] },
      },
    ],
  };
  const out = drawableCountries(countries);
  assert.equal(out.features.length, 1);
  assert.deepEqual(out.features[0]!.geometry, { type: 'MultiPolygon', coordinates: [[[[179, 70], [181, 71], [179, 72], [179, 70]]]] });
});
