import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs, type IngestItem } from './index.js';
import { itemBody, parseFeed, plainText } from './feed.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsgraph-ingest-feeds-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readFeedFile(name: string, xml: string): Promise<{ path: string; items: IngestItem[] }> {
  const path = join(dir, name);
  await writeFile(path, xml);
  const items: IngestItem[] = [];
  for await (const item of readInputs([path])) items.push(item);
  return { path, items };
}

const LONG_BODY = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1} of the report on the river crossing and the talks that followed it.</p>`).join('');

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Desk</title>
  <link>https://news.example.org/</link>
  <item>
    <title>Bridge reopens &amp; traffic returns</title>
    <link>https://news.example.org/2024/bridge</link>
    <description>&lt;p&gt;The bridge reopened on Monday.&lt;/p&gt;</description>
    <content:encoded><![CDATA[${LONG_BODY}]]></content:encoded>
    <dc:creator>Ann Lee</dc:creator>
    <dc:creator>Bo Chan</dc:creator>
    <pubDate>Mon, 04 Mar 2024 09:30:00 +0100</pubDate>
    <guid isPermaLink="false">bridge-42</guid>
    <category>Transport</category>
  </item>
  <item>
    <title>Council vote delayed</title>
    <link>/2024/council</link>
    <description>The vote was moved to next week.</description>
  </item>
  <item>
    <title>A headline and nothing else</title>
  </item>
  <item>
    <title>Only a link</title>
    <link>https://news.example.org/2024/link-only</link>
  </item>
</channel>
</rss>`;

test('an RSS file gives one raw input per item, with the metadata the feed states', async () => {
  const { path, items } = await readFeedFile('desk.rss', RSS);
  assert.equal(items.length, 4);
  const [full, summary, bare, linkOnly] = items;
  assert.ok(full?.ok);
  assert.deepEqual(full.raw, {
    input: `${path}#item=1`,
    kind: 'html',
    content: LONG_BODY,
    encoding: 'utf-8 (declared)',
    meta: {
      container: 'feed',
      url: 'https://news.example.org/2024/bridge',
      title: 'Bridge reopens & traffic returns',
      date: 'Mon, 04 Mar 2024 09:30:00 +0100',
      authors: ['Ann Lee', 'Bo Chan'],
      outlet: 'Example Desk',
      description: 'The bridge reopened on Monday.',
      extra: { guid: 'bridge-42', categories: ['Transport'], feedLink: 'https://news.example.org/' },
    },
  });
  assert.ok(summary?.ok);
  assert.equal(summary.raw.kind, 'record');
  assert.equal(summary.raw.content, 'The vote was moved to next week.');
  assert.equal(summary.raw.meta.url, 'https://news.example.org/2024/council', 'relative links resolve against the feed link');
  assert.deepEqual(bare, { ok: false, input: `${path}#item=3`, reason: 'item has neither content nor link' });
  assert.deepEqual(linkOnly, { ok: false, input: `${path}#item=4`, reason: 'item has no text (links of a feed document are not fetched)' });
});

test('an Atom feed with one unreadable date still yields every entry, the date kept as found', async () => {
  const atom = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Atom Wire</title>
  <link href="https://wire.example.com/"/>
  <entry>
    <title>Port strike ends</title>
    <link rel="alternate" href="https://wire.example.com/port"/>
    <id>urn:wire:1</id>
    <published>sometime last week</published>
    <author><name>Cy Dee</name></author>
    <author><name>Di Eve</name></author>
    <content type="html">&lt;p&gt;Dock workers returned.&lt;/p&gt;&lt;p&gt;Ships are moving.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Rates unchanged</title>
    <link href="https://wire.example.com/rates"/>
    <id>urn:wire:2</id>
    <updated>2024-05-02T14:00:00+02:00</updated>
    <summary>The central bank held rates.</summary>
  </entry>
</feed>`;
  const { items } = await readFeedFile('wire.atom', atom);
  assert.equal(items.length, 2);
  const [first, second] = items;
  assert.ok(first?.ok && second?.ok);
  assert.equal(first.raw.kind, 'html');
  assert.equal(first.raw.content, '<p>Dock workers returned.</p><p>Ships are moving.</p>');
  assert.equal(first.raw.meta.date, 'sometime last week');
  assert.deepEqual(first.raw.meta.authors, ['Cy Dee', 'Di Eve']);
  assert.equal(first.raw.meta.outlet, 'Atom Wire');
  assert.equal(second.raw.kind, 'record');
  assert.equal(second.raw.content, 'The central bank held rates.');
  assert.equal(second.raw.meta.date, '2024-05-02T14:00:00+02:00');
});

test('malformed XML gives one error item naming the feed and the reason', async () => {
  const { path, items } = await readFeedFile('broken.xml', '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</title></channel></rss>');
  assert.equal(items.length, 1);
  assert.deepEqual(items[0], { ok: false, input: path, reason: 'malformed feed: Unexpected close tag (line 2, column 60)' });
});

test('RSS 1.0 (RDF) feeds are read', async () => {
  const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example.net/"><title>Old Portal</title><link>https://old.example.net/</link></channel>
  <item rdf:about="https://old.example.net/a"><title>Archive item</title><link>https://old.example.net/a</link>
    <description>An archived summary.</description><dc:date>2003-06-10</dc:date></item>
</rdf:RDF>`;
  const feed = await parseFeed(rdf);
  assert.ok(!('error' in feed));
  assert.equal(feed.title, 'Old Portal');
  assert.equal(feed.items[0]?.date, '2003-06-10');
  assert.equal(feed.items[0]?.summary, 'An archived summary.');
});

test('item bodies: full content beats the summary; plain-text content is a record', () => {
  const base = { index: 1, title: null, link: null, date: null, authors: [], guid: null, categories: [] };
  assert.equal(itemBody({ ...base, content: '<p>Full.</p><p>Text.</p>', summary: 'Short' })?.from, 'content');
  assert.deepEqual(itemBody({ ...base, content: 'Plain &amp; simple text.', summary: null }), {
    kind: 'record', content: 'Plain & simple text.', textLength: 20, from: 'content',
  });
  assert.equal(itemBody({ ...base, content: null, summary: null }), null);
  assert.equal(plainText('<p>One&nbsp;two</p><p>Three</p>'), 'One two\nThree');
});
