import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readInputs, type IngestItem } from './index.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsgraph-ingest-datasets-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(inputs: string[]): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(inputs)) items.push(item);
  return items;
}

/** `input ok|reason` per item, for compact expectations. */
function summary(items: IngestItem[], root: string): string[] {
  return items.map((item) => (item.ok ? `${item.raw.input.slice(root.length + 1)} ok` : `${item.input.slice(root.length + 1)} ${item.reason}`));
}

async function datasetFile(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

test('CSV: one record per row with mapped columns; a broken row is reported and the rest is read', async () => {
  const path = await datasetFile('broken.csv', [
    'unit_id,article_title,article_content,source,date,location',
    '1,First,"Body one, with a comma.",sana,4/5/2017,aleppo',
    '2,Second,"Body two spans',
    'two lines.",reuters,4/6/2017,idlib',
    '3,Third,Body three,reuters,4/7/2017,homs,EXTRA FIELD',
    '4,Fourth,"Body ""four"" quoted",tass,4/8/2017,raqqa',
    '5,Fifth,,tass,4/9/2017,raqqa',
    '6,Sixth,Body six,sana,4/10/2017,"unterminated',
  ].join('\n'));
  const items = await collect([path]);
  assert.deepEqual(summary(items, dir), [
    'broken.csv#row=1 ok',
    'broken.csv#row=2 ok',
    'broken.csv#row=3 Invalid Record Length: expect 6, got 7 on line 5',
    'broken.csv#row=4 ok',
    'broken.csv#row=5 row has no text column/value',
    'broken.csv#row=6 Quote Not Closed: the parsing is finished with an opening quote at line 8',
  ]);
  const first = items[0];
  assert.ok(first?.ok);
  assert.deepEqual(first.raw, {
    input: `${path}#row=1`,
    kind: 'record',
    content: 'Body one, with a comma.',
    encoding: 'utf-8 (sniffed)',
    meta: { container: 'csv', id: '1', title: 'First', outlet: 'sana', date: '4/5/2017', extra: { location: 'aleppo' } },
  });
  const second = items[1];
  assert.ok(second?.ok && second.raw.content === 'Body two spans\ntwo lines.');
  const fourth = items[3];
  assert.ok(fourth?.ok && fourth.raw.content === 'Body "four" quoted');
});

test('CSV: BOM, windows-1252 rows decoded per row, TSV, HTML bodies', async () => {
  const csv = Buffer.concat([
    Buffer.from('\uFEFFTitle,Text\nPlain,Just ASCII.\nQuoted,He said '),
    Buffer.from([0x93]), Buffer.from('no'), Buffer.from([0x94]), Buffer.from('.\n'),
    Buffer.from('Markup,"<p>One.</p><p>Two.</p>"\n'),
  ]);
  const items = await collect([await datasetFile('mixed.csv', csv)]);
  const raws = items.map((item) => (assert.ok(item.ok), item.raw));
  assert.deepEqual(raws.map((raw) => [raw.meta.title, raw.content, raw.encoding, raw.kind]), [
    ['Plain', 'Just ASCII.', 'utf-8 (bom)', 'record'],
    ['Quoted', 'He said \u201Cno\u201D.', 'windows-1252 (sniffed)', 'record'],
    ['Markup', '<p>One.</p><p>Two.</p>', 'utf-8 (bom)', 'html'],
  ]);
  const tsv = await collect([await datasetFile('rows.tsv', 'headline\tbody\tauthors\nA\tText, with comma\tAnn; Bo\n')]);
  assert.ok(tsv[0]?.ok);
  assert.deepEqual([tsv[0].raw.meta.title, tsv[0].raw.content, tsv[0].raw.meta.authors], ['A', 'Text, with comma', ['Ann', 'Bo']]);
});

test('CSV: no text column, header only, empty file, binary content each give one clear error', async () => {
  const noText = await datasetFile('tags.csv', 'Sentence #,Word,POS\n1,Thousands,NNS\n');
  const headerOnly = await datasetFile('header.csv', 'id,text\n');
  const empty = await datasetFile('empty.csv', '');
  const binary = await datasetFile('archive.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]));
  assert.deepEqual(summary(await collect([noText, headerOnly, empty, binary]), dir), [
    'tags.csv no text column (expected one of: text, content, article_content, body, maintext)',
    'header.csv no data rows after the header',
    'empty.csv empty file',
    'archive.csv binary content',
  ]);
});

test('JSONL: one record per line; a bad line is reported by line number; blank lines are skipped', async () => {
  const path = await datasetFile('rows.jsonl', [
    '{"id": "a1", "title": "One", "text": "First body.", "authors": ["Ann Lee"], "tags": {"topic": "x"}}',
    '{"id": "a2", "text": "Second body", ',
    '',
    '["not", "an", "object"]',
    '{"id": "a4", "maintext": "Fourth body.", "date_publish": "2018-01-02 10:00:00"}\r',
  ].join('\n'));
  const items = await collect([path]);
  assert.deepEqual(summary(items, dir).map((line) => line.replace(/invalid JSON: .*/, 'invalid JSON')), [
    'rows.jsonl#row=1 ok',
    'rows.jsonl#row=2 invalid JSON',
    'rows.jsonl#row=4 row is not a JSON object',
    'rows.jsonl#row=5 ok',
  ]);
  assert.ok(items[0]?.ok);
  assert.deepEqual(items[0].raw.meta, { container: 'jsonl', id: 'a1', title: 'One', authors: ['Ann Lee'], extra: { tags: { topic: 'x' } } });
  assert.ok(items[3]?.ok && items[3].raw.meta.date === '2018-01-02 10:00:00' && items[3].raw.content === 'Fourth body.');
});

test('JSONL.gz: streamed through gunzip; a truncated archive keeps the rows read and reports the damage', async () => {
  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: i + 1, text: `Body number ${i + 1} ${'x'.repeat(200 + (i * 7919) % 500)}` })).join('\n');
  const gz = gzipSync(lines);
  const whole = await collect([await datasetFile('rows.jsonl.gz', gz)]);
  assert.equal(whole.filter((item) => item.ok).length, 400);
  const cut = await collect([await datasetFile('cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length / 2)))]);
  const last = cut.at(-1);
  assert.ok(last && !last.ok && last.input.endsWith('cut.jsonl.gz'), JSON.stringify(last));
  assert.match(last.reason, /^corrupt or truncated gzip data/);
  assert.ok(cut.filter((item) => item.ok).length > 50, 'rows before the damage are kept');
});

test('JSON: an array, an object with a records field, and a single article object', async () => {
  const array = await datasetFile('array.json', JSON.stringify([{ title: 'A', content: 'Body A.' }, { title: 'B' }, 'stray']));
  const wrapped = await datasetFile('wrapped.json', JSON.stringify({ source: 'export', articles: [{ body: 'Body C.' }] }));
  const single = await datasetFile('single.json', JSON.stringify({ title: 'D', maintext: 'Body D.', url: 'https://example.org/d' }));
  assert.deepEqual(summary(await collect([array, wrapped, single]), dir), [
    'array.json#row=1 ok',
    'array.json#row=2 row has no text column/value',
    'array.json#row=3 row is not a JSON object',
    'wrapped.json#row=1 ok',
    'single.json ok',
  ]);
});

// Real datasets under ../shared (read in place, never copied).
const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const sharedMissing = existsSync(SHARED) ? false : `shared data not found at ${SHARED}`;

async function countShared(relative: string): Promise<{ ok: IngestItem[]; failed: IngestItem[] }> {
  const items = await collect([join(SHARED, relative)]);
  return { ok: items.filter((item) => item.ok), failed: items.filter((item) => !item.ok) };
}

test('shared data: FA-KES CSV gives 780 rows, U+FFFD debris kept as is', { skip: sharedMissing }, async () => {
  const { ok, failed } = await countShared('fakes-syria-news/FA-KES-Dataset.csv');
  assert.equal(failed.length, 0, JSON.stringify(failed.slice(0, 3)));
  assert.equal(ok.length, 780);
  const withDebris = ok.filter((item) => item.ok && item.raw.content.includes('\uFFFD'));
  assert.ok(withDebris.length > 0 && withDebris.length <= 53, `${withDebris.length} rows with U+FFFD`);
  const last = ok.at(-1);
  assert.ok(last?.ok && last.raw.input.endsWith('#row=780') && last.raw.meta.outlet && last.raw.meta.date);
});

test('shared data: BBC News JSONL.gz gives 2225 rows', { skip: sharedMissing }, async () => {
  const { ok, failed } = await countShared('bbc-news-2225/bbc_news.jsonl.gz');
  assert.equal(failed.length, 0);
  assert.equal(ok.length, 2225);
});

test('shared data: Giveme5W1H news_cluster JSONL gives 383 rows with url, outlet and date', { skip: sharedMissing }, async () => {
  const { ok, failed } = await countShared('giveme5w1h-newscluster-5w1h/news_cluster.jsonl');
  assert.equal(failed.length, 0);
  assert.equal(ok.length, 383);
  assert.ok(ok.every((item) => item.ok && item.raw.meta.url && item.raw.meta.outlet));
  assert.ok(ok.every((item) => item.ok && item.raw.meta.extra && 'newsCluster' in item.raw.meta.extra), 'gold labels stay in extra');
});
