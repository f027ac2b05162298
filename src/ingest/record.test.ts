import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawInput } from '../core/doc.js';
import { NO_TEXT_REASON, mapRecord, missingTextColumn } from './record.js';

function mapped(fields: Record<string, unknown>, input = 'x.json#row=1'): RawInput {
  const result = mapRecord(fields, input);
  assert.ok(!('error' in result), `expected a raw input, got ${JSON.stringify(result)}`);
  return result;
}

test('recognised columns become metadata, case-insensitively; the rest is kept verbatim', () => {
  const raw = mapped({
    Unit_ID: 42,
    ARTICLE_TITLE: ' Ceasefire talks resume ',
    Article_Content: 'Delegations met on Monday.\n',
    Date_Publish: '2017-10-14',
    Source_Domain: 'example.org',
    Authors: ['A. Writer', 'B. Reporter'],
    Description: 'Talks resume.',
    language: 'en',
    URL: 'https://example.org/a',
    labels: 1,
    newsCluster: { EventId: 7, Topic: 'talks' },
  });
  assert.equal(raw.input, 'x.json#row=1');
  assert.equal(raw.kind, 'record');
  assert.equal(raw.content, 'Delegations met on Monday.\n', 'the body is kept exactly');
  assert.deepEqual(raw.meta, {
    container: 'json',
    id: '42',
    url: 'https://example.org/a',
    title: 'Ceasefire talks resume',
    date: '2017-10-14',
    outlet: 'example.org',
    authors: ['A. Writer', 'B. Reporter'],
    description: 'Talks resume.',
    language: 'en',
    extra: { labels: 1, newsCluster: { EventId: 7, Topic: 'talks' } },
  });
});

test('the first alias with a value wins; the losing columns stay in extra', () => {
  const raw = mapped({ text: '  ', maintext: 'Body from maintext.', source: 'Outlet Name', source_domain: 'outlet.example' });
  assert.equal(raw.content, 'Body from maintext.');
  assert.equal(raw.meta.outlet, 'Outlet Name');
  assert.deepEqual(raw.meta.extra, { text: '  ', source_domain: 'outlet.example' });
});

test('an author string is split on commas and semicolons', () => {
  assert.deepEqual(mapped({ body: 'b', author: 'Ann Lee; Bo Chan, Cy Dee' }).meta.authors, ['Ann Lee', 'Bo Chan', 'Cy Dee']);
});

test('a body that is HTML markup gives kind html', () => {
  const raw = mapped({ content: '<p>First paragraph.</p><p>Second.</p>' });
  assert.equal(raw.kind, 'html');
});

test('a row without a body is refused with the documented reason', () => {
  assert.deepEqual(mapRecord({ title: 'Only a title' }, 'd.csv#row=3'), { error: NO_TEXT_REASON });
  assert.deepEqual(mapRecord({ text: '   ' }, 'd.csv#row=4'), { error: NO_TEXT_REASON });
  assert.deepEqual(mapRecord({ text: 12 }, 'd.csv#row=5'), { error: NO_TEXT_REASON });
});

test('the container can be named by the caller', () => {
  assert.equal(mapped({ text: 'b' }).meta.container, 'json');
  const csv = mapRecord({ text: 'b' }, 'd.csv#row=1', 'csv');
  assert.ok(!('error' in csv) && csv.meta.container === 'csv');
});

test('a header without any body column is named as such', () => {
  assert.equal(missingTextColumn(['id', 'Article_Content']), null);
  assert.match(missingTextColumn(['Sentence #', 'Word', 'POS', 'Tag']) ?? '', /^no text column \(expected one of: text, content/);
});
