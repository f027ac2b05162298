import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleHref, entityHref, parseHash, parseRange, withQuery } from './routes.js';

test('the empty hash and #/ are the story list', () => {
  assert.deepEqual(parseHash(''), { name: 'stories', q: '', offset: 0 });
  assert.deepEqual(parseHash('#/?q=raqqa&offset=20'), { name: 'stories', q: 'raqqa', offset: 20 });
});

test('ids are decoded and built back with encodeURIComponent', () => {
  const id = 'a/b?c#d"<x>';
  assert.deepEqual(parseHash(entityHref(id)), { name: 'entity', id, offset: 0 });
  assert.equal(entityHref(id), '#/entities/a%2Fb%3Fc%23d%22%3Cx%3E');
});

test('an article link carries the range to mark', () => {
  const href = articleHref('abc', { start: 10, end: 42 });
  assert.equal(href, '#/articles/abc?hl=10-42');
  assert.deepEqual(parseHash(href), { name: 'article', id: 'abc', hl: { start: 10, end: 42 } });
});

test('bad ranges, offsets and escapes never throw', () => {
  assert.equal(parseRange('9-3'), null);
  assert.equal(parseRange('x-3'), null);
  assert.deepEqual(parseHash('#/articles?offset=-5&outlet=%E0'), {
    name: 'articles',
    filters: { outlet: '\uFFFD', from: '', to: '', entity: '', place: '', story: '' },
    offset: 0,
  });
  assert.deepEqual(parseHash('#/entities/%E0%A4'), { name: 'entity', id: '%E0%A4', offset: 0 });
});

test('article filters come from the query', () => {
  const route = parseHash('#/articles?outlet=bbc.co.uk&from=2017-10-01&place=geonames%3A123&offset=30');
  assert.deepEqual(route, {
    name: 'articles',
    filters: { outlet: 'bbc.co.uk', from: '2017-10-01', to: '', entity: '', place: 'geonames:123', story: '' },
    offset: 30,
  });
});

test('unknown paths are not found', () => {
  assert.equal(parseHash('#/nowhere').name, 'not-found');
  assert.equal(parseHash('#/ingest/extra').name, 'not-found');
  assert.equal(parseHash('#/stories/a/b').name, 'not-found');
});

test('withQuery leaves empty values out', () => {
  assert.equal(withQuery('#/search', { q: 'a b', offset: 0, x: '' }), '#/search?q=a+b');
  assert.equal(withQuery('#/search', {}), '#/search');
});
