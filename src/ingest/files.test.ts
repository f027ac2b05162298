import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readInputs, type IngestItem, type IngestOptions } from './index.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsgraph-ingest-files-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(inputs: string[], options?: IngestOptions): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(inputs, options)) items.push(item);
  return items;
}

async function one(path: string, options?: IngestOptions): Promise<IngestItem> {
  const items = await collect([path], options);
  assert.equal(items.length, 1, JSON.stringify(items));
  return items[0] as IngestItem;
}

function reasonOf(item: IngestItem): string {
  assert.equal(item.ok, false, `expected an error item, got ${JSON.stringify(item)}`);
  return item.ok ? '' : item.reason;
}

function rawOf(item: IngestItem) {
  assert.ok(item.ok, `expected a raw input, got ${JSON.stringify(item)}`);
  return item.raw;
}

const STORY = 'The council met on Tuesday and approved the new budget after a long debate.\n';

test('a folder is walked recursively in byte order of paths, skipping dot-names, past unreadable entries', async () => {
  const root = join(dir, 'walk');
  await mkdir(join(root, 'b'), { recursive: true });
  await mkdir(join(root, '.git'), { recursive: true });
  await writeFile(join(root, 'a.txt'), STORY);
  await writeFile(join(root, 'b-c.txt'), STORY);
  await writeFile(join(root, 'b', 'x.txt'), STORY);
  await writeFile(join(root, 'b', '.draft.txt'), STORY);
  await writeFile(join(root, '.hidden.txt'), STORY);
  await writeFile(join(root, '.git', 'notes.txt'), STORY);
  await writeFile(join(root, 'd.txt'), STORY);
  // A broken symlink stands for any unreadable entry (tests run as root, so chmod cannot).
  await symlink(join(root, 'no-such-target.txt'), join(root, 'c-broken.txt'));
  // A link back up the tree must not loop.
  await symlink(root, join(root, 'b', 'loop'));

  const items = await collect([root]);
  const names = items.map((item) => (item.ok ? item.raw.input : item.input).slice(root.length + 1));
  // Byte order of full paths puts "b-c.txt" (0x2D) before "b/x.txt" (0x2F).
  assert.deepEqual(names, ['a.txt', 'b-c.txt', 'b/x.txt', 'c-broken.txt', 'd.txt']);
  assert.match(reasonOf(items[3] as IngestItem), /^ENOENT: no such file or directory$/);
  assert.deepEqual(items.filter((item) => item.ok).length, 4, 'the walk goes on after the broken entry');
});

test('a path that does not exist gives an error naming the OS reason', async () => {
  const item = await one(join(dir, 'missing.txt'));
  assert.equal(item.ok ? '' : item.input, join(dir, 'missing.txt'));
  assert.match(reasonOf(item), /ENOENT/);
});

test('a text file is one raw input of kind text with container file', async () => {
  const path = join(dir, 'story.txt');
  await writeFile(path, STORY);
  const raw = rawOf(await one(path));
  assert.deepEqual(raw, { input: path, kind: 'text', content: STORY, encoding: 'utf-8 (sniffed)', meta: { container: 'file' } });
});

test('empty and whitespace-only files are refused', async () => {
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'blank.md'), ' \n\t\n');
  assert.equal(reasonOf(await one(join(dir, 'empty.txt'))), 'empty file');
  assert.equal(reasonOf(await one(join(dir, 'blank.md'))), 'empty file');
});

test('binary content is refused whatever the extension', async () => {
  const path = join(dir, 'photo.txt');
  await writeFile(path, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]));
  assert.equal(reasonOf(await one(path)), 'binary content');
});

test('a 50 MiB article file gives the size error at once, without being read whole', async () => {
  const path = join(dir, 'huge.txt');
  const handle = await open(path, 'w');
  await handle.write(STORY.repeat(2000));
  await handle.truncate(50 * 1024 * 1024);
  await handle.close();
  const started = performance.now();
  const reason = reasonOf(await one(path));
  const elapsed = performance.now() - started;
  assert.equal(reason, 'too large (50 MiB > 10 MiB limit for one article)');
  assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
});

test('maxArticleBytes applies to plain and gzip-compressed articles', async () => {
  await writeFile(join(dir, 'long.txt'), STORY.repeat(10));
  await writeFile(join(dir, 'long.txt.gz'), gzipSync(STORY.repeat(10)));
  assert.match(reasonOf(await one(join(dir, 'long.txt'), { maxArticleBytes: 100 })), /^too large \(760 bytes > 100 bytes limit for one article\)$/);
  assert.equal(reasonOf(await one(join(dir, 'long.txt.gz'), { maxArticleBytes: 100 })), 'too large (760 bytes > 100 bytes limit for one article)');
  // Past the sniffing window the decompressed size is not known in advance: reading stops at the limit.
  await writeFile(join(dir, 'longer.txt.gz'), gzipSync(STORY.repeat(2000)));
  assert.equal(reasonOf(await one(join(dir, 'longer.txt.gz'), { maxArticleBytes: 100_000 })), 'too large (> 97.7 KiB limit for one article)');
});

test('truncated HTML still gives an html raw input', async () => {
  const path = join(dir, 'cut.html');
  const html = '<!doctype html><html><head><title>Budget</title></head><body><article><p>The council met.</p><p>It approved the bud';
  await writeFile(path, html);
  const raw = rawOf(await one(path));
  assert.equal(raw.kind, 'html');
  assert.equal(raw.content, html);
});

test('windows-1252 text is decoded by sniffing: curly quotes and dashes come out right', async () => {
  const path = join(dir, 'legacy.txt');
  await writeFile(path, Buffer.concat([
    Buffer.from('The mayor said '), Buffer.from([0x93]), Buffer.from('we will rebuild'), Buffer.from([0x94]),
    Buffer.from(' '), Buffer.from([0x96]), Buffer.from(' and meant it.'),
  ]));
  const raw = rawOf(await one(path));
  assert.equal(raw.content, 'The mayor said \u201Cwe will rebuild\u201D \u2013 and meant it.');
  assert.equal(raw.encoding, 'windows-1252 (sniffed)');
});

test('content sniffing: a .txt holding HTML is html, an .xml holding a feed is a feed, other XML is refused', async () => {
  await writeFile(join(dir, 'saved-page.txt'), '<!DOCTYPE html>\n<html><body><p>Saved page.</p></body></html>');
  await writeFile(join(dir, 'news.xml'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><item><title>T</title><description>A short summary.</description></item></channel></rss>');
  await writeFile(join(dir, 'corpus.xml'), '<?xml version="1.0"?><corpus><doc>text</doc></corpus>');
  assert.equal(rawOf(await one(join(dir, 'saved-page.txt'))).kind, 'html');
  const item = rawOf(await one(join(dir, 'news.xml')));
  assert.equal(item.input, `${join(dir, 'news.xml')}#item=1`);
  assert.equal(item.meta.container, 'feed');
  assert.equal(reasonOf(await one(join(dir, 'corpus.xml'))), 'XML document that is not an RSS/Atom feed');
});

test('.gz files are decompressed while read; a truncated gzip is an error item', async () => {
  const gz = gzipSync(STORY);
  await writeFile(join(dir, 'story.txt.gz'), gz);
  await writeFile(join(dir, 'cut.txt.gz'), gz.subarray(0, gz.length - 12));
  await writeFile(join(dir, 'fake.txt.gz'), STORY);
  assert.equal(rawOf(await one(join(dir, 'story.txt.gz'))).content, STORY);
  assert.match(reasonOf(await one(join(dir, 'cut.txt.gz'))), /^corrupt or truncated gzip data \(unexpected end of file\)$/);
  assert.match(reasonOf(await one(join(dir, 'fake.txt.gz'))), /^corrupt or truncated gzip data \(incorrect header check\)$/);
});

test('inputs keep their order across files, folders and errors', async () => {
  const first = join(dir, 'order-1.txt');
  const second = join(dir, 'order-2.txt');
  await writeFile(first, STORY);
  await writeFile(second, STORY);
  const items = await collect([second, join(dir, 'nope'), first]);
  assert.deepEqual(items.map((item) => (item.ok ? item.raw.input : item.input)), [second, join(dir, 'nope'), first]);
});
