import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countsText, dateSpan, fileKind, markerRadius, safeWebUrl, sparklineBars } from './format.js';

test('only http(s) addresses are linked', () => {
  assert.equal(safeWebUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
  assert.equal(safeWebUrl('javascript:alert(1)'), null);
  assert.equal(safeWebUrl('data:text/html,<script>1</script>'), null);
  assert.equal(safeWebUrl('not a url'), null);
  assert.equal(safeWebUrl(null), null);
});

test('date spans collapse equal ends and say when undated', () => {
  assert.equal(dateSpan('2017-10-14T08:00:00Z', '2017-10-14'), '2017-10-14');
  assert.equal(dateSpan('2017-10-14', '2017-10-20'), '2017-10-14 – 2017-10-20');
  assert.equal(dateSpan(null, null), 'undated');
});

test('sparkline days without articles are empty slots on a continuous axis', () => {
  const bars = sparklineBars(
    [
      { day: '2017-10-03', count: 1 },
      { day: '2017-10-01', count: 2 },
    ],
    30,
    10,
  );
  assert.deepEqual(
    bars.map((b) => [b.day, b.x, b.height]),
    [
      ['2017-10-01', 0, 10],
      ['2017-10-03', 20, 5],
    ],
  );
  assert.equal(bars[0]!.width, 6);
  assert.deepEqual(sparklineBars([], 20, 10), []);
  assert.deepEqual(sparklineBars([{ day: 'someday', count: 3 }], 20, 10), []);
  const single = sparklineBars([{ day: '2017-10-01T10:00:00Z', count: 4 }], 20, 10);
  assert.deepEqual(
    single.map((b) => [b.day, b.x, b.y, b.height]),
    [['2017-10-01', 0, 0, 10]],
  );
});

test('marker radius grows with the square root of mentions, within bounds', () => {
  assert.equal(markerRadius(0), 4);
  assert.equal(markerRadius(4), 6);
  assert.ok(markerRadius(16) > markerRadius(4));
  assert.equal(markerRadius(10_000), 20);
});

test('uploaded files are read by extension', () => {
  assert.equal(fileKind('page.HTM'), 'html');
  assert.equal(fileKind('news.rss'), 'feed');
  assert.equal(fileKind('feed.atom'), 'feed');
  assert.equal(fileKind('wire.xml'), 'feed');
  assert.equal(fileKind('notes.txt'), 'text');
  assert.equal(fileKind('README'), 'text');
});

test('counts read most frequent first', () => {
  assert.equal(countsText({ seized: 1, liberated: 3, took: 1 }), 'liberated: 3, seized: 1, took: 1');
});
