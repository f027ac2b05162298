/**
 * The storage contract, as one suite that runs against every adapter: each
 * harness opens fresh stores and persistent locations of its database.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc } from '../core/doc.js';
import { toRecord } from '../core/record.js';
import BetterSqlite3 from 'better-sqlite3';
import { annotatedFerryDoc, BUDGET, collect, FERRY, FERRY_UPDATED, FESTIVAL, makeDoc, plain, SARK_MINOR, seed, TRAMS, WEATHER } from './articles.fixture.js';
import { createTestDatabase, pgUnavailable } from './pg-testing.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** A database location that can be opened again and again, and removed afterwards. */
interface Location {
  open(): Promise<Store>;
  /** Runs SQL statements on the database directly, with no store open. */
  exec(statements: string): Promise<void>;
  remove(): Promise<void>;
}

export interface StoreHarness {
  readonly name: string;
  /** Why this database cannot be tested here; the suite is then skipped with this message. */
  readonly skip?: string;
  /**
   * Why two stores of one process cannot write one database at once, if so:
   * the test of that is then skipped with this message.
   */
  readonly noConcurrentStores?: string;
  /** What a U+0000 in a text column (raw content) reads back as: itself, or U+FFFD where the database's text cannot hold it. */
  readonly nulReadsAs: string;
  /** A fresh, empty store. */
  fresh(): Promise<Store>;
  location(): Promise<Location>;
}

/** The store, except that closing it also removes its location. */
function removedOnClose(store: Store, location: Location): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'close') return () => target.close().finally(() => location.remove());
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const sqliteHarness: StoreHarness = {
  name: 'sqlite',
  nulReadsAs: '\u0000',
  noConcurrentStores:
    'better-sqlite3 is synchronous: a second connection of the same process waiting for the write lock blocks the event loop, and with it the transaction holding the lock (separate processes, the CLI and the server, do not)',
  fresh: () => openSqliteStore(':memory:'),
  async location() {
    const dir = mkdtempSync(join(tmpdir(), 'ng-store-'));
    const path = join(dir, 'news.db');
    return {
      open: () => openSqliteStore(path),
      async exec(statements) {
        const raw = new BetterSqlite3(path);
        try {
          raw.exec(statements);
        } finally {
          raw.close();
        }
      },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgresHarness: StoreHarness = {
  name: 'postgres',
  nulReadsAs: '\uFFFD',
  skip: (await pgUnavailable()) ?? undefined,
  async fresh() {
    const location = await this.location();
    return removedOnClose(await location.open(), location);
  },
  async location() {
    const database = await createTestDatabase();
    return { open: () => openPostgresStore(database.url), exec: database.exec, remove: database.drop };
  },
};

const HARNESSES: StoreHarness[] = [sqliteHarness, postgresHarness];

async function withStore(harness: StoreHarness, use: (store: Store) => Promise<void>): Promise<void> {
  const store = await harness.fresh();
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

function storeSuite(harness: StoreHarness): void {
  describe(`store contract: ${harness.name}`, { skip: harness.skip }, () => {
    test('put stores a new article; putting the same input again changes nothing', () =>
      withStore(harness, async (store) => {
        const doc = annotatedFerryDoc();
        assert.deepEqual(await store.put(doc), { status: 'new', id: doc.id });
        assert.deepEqual(await store.put(doc), { status: 'unchanged', id: doc.id });
        assert.deepEqual(await store.counts(), { articles: 1, duplicates: 0, raws: 1 });
      }));

    test('seen tells whether this exact raw input is already stored', () =>
      withStore(harness, async (store) => {
        const doc = annotatedFerryDoc();
        assert.equal(await store.seen(doc.raw), null);
        await store.put(doc);
        assert.equal(await store.seen(doc.raw), doc.id);
        assert.equal(await store.seen({ ...doc.raw, content: doc.raw.content + ' changed' }), null);
      }));

    test('an exact copy of the body under another input is a duplicate, linked, its raw input kept', () =>
      withStore(harness, async (store) => {
        const first = annotatedFerryDoc();
        await store.put(first);
        // Same words; case, punctuation and line breaks differ.
        const copy = makeDoc({ input: 'mirror/ferry-copy.html', kind: 'html', text: FERRY.toUpperCase().replace(/\. /g, '.\n') });
        const result = await store.put(copy);
        assert.deepEqual(result, { status: 'duplicate', id: copy.id, duplicateOf: first.id, similarity: 1 });
        assert.deepEqual(await store.counts(), { articles: 1, duplicates: 1, raws: 2 });
        assert.equal(await store.get(copy.id), null, 'no second article row');
        const stored = await store.get(first.id);
        assert.deepEqual(stored?.duplicates, [{ input: 'mirror/ferry-copy.html', similarity: 1 }]);
        // Re-putting the duplicate is unchanged, and still says what it duplicates.
        assert.deepEqual(await store.put(copy), {
          status: 'unchanged',
          id: copy.id,
          duplicateOf: first.id,
          similarity: 1,
        });
        assert.deepEqual(await store.counts(), { articles: 1, duplicates: 1, raws: 2 });
      }));

    test('an updated copy is a near duplicate; another article on the same subject is new', () =>
      withStore(harness, async (store) => {
        const first = annotatedFerryDoc();
        await store.put(first);
        const updated = makeDoc({ input: 'wire/ferry-update.txt', text: FERRY_UPDATED });
        const result = await store.put(updated);
        assert.equal(result.status, 'duplicate');
        assert.equal(result.duplicateOf, first.id);
        assert.ok(result.similarity !== undefined && result.similarity >= 0.8 && result.similarity < 1, String(result.similarity));
        const weather = await store.put(makeDoc({ input: 'coast/weather.txt', text: WEATHER }));
        assert.equal(weather.status, 'new');
        assert.deepEqual(await store.counts(), { articles: 2, duplicates: 1, raws: 3 });
      }));

    test('concurrent puts of copies store one article', () =>
      withStore(harness, async (store) => {
        const copies = [0, 1, 2, 3].map((i) =>
          makeDoc({ input: `wire/copy-${i}.txt`, text: i % 2 === 0 ? FERRY : FERRY_UPDATED }),
        );
        const results = await Promise.all(copies.map((doc) => store.put(doc)));
        assert.equal(results.filter((r) => r.status === 'new').length, 1);
        assert.equal(results.filter((r) => r.status === 'duplicate').length, 3);
        assert.deepEqual(await store.counts(), { articles: 1, duplicates: 3, raws: 4 });
      }));

    test('two stores on one database, putting the same article and its copies at once, store it once', { skip: harness.noConcurrentStores }, async () => {
      const location = await harness.location();
      try {
        const [a, b] = [await location.open(), await location.open()];
        try {
          const docs = [0, 1, 2, 3, 4, 5].map((i) => makeDoc({ input: `wire/${i % 3}.txt`, text: i % 3 === 1 ? FERRY_UPDATED : FERRY }));
          const results = await Promise.all(docs.map((doc, i) => (i % 2 === 0 ? a : b).put(doc)));
          assert.equal(results.filter((r) => r.status === 'new').length, 1, JSON.stringify(results));
          assert.deepEqual(await a.counts(), { articles: 1, duplicates: 2, raws: 3 });
          assert.deepEqual(await b.counts(), await a.counts());
        } finally {
          await a.close();
          await b.close();
        }
      } finally {
        await location.remove();
      }
    });

    test('a different article whose id is taken gets the id with a suffix', () =>
      withStore(harness, async (store) => {
        await store.put(makeDoc({ input: 'a.txt', text: BUDGET, id: 'abcd1234' }));
        assert.deepEqual(await store.put(makeDoc({ input: 'b.txt', text: TRAMS, id: 'abcd1234' })), { status: 'new', id: 'abcd1234-2' });
        assert.equal((await store.get('abcd1234-2'))?.record.id, 'abcd1234-2');
      }));

    test('put refuses a document without an id or text, naming the input', () =>
      withStore(harness, async (store) => {
        await assert.rejects(store.put(makeDoc({ input: 'no-id.txt', text: WEATHER, id: '' })), /no-id\.txt: .*without an id/);
        await assert.rejects(store.put(makeDoc({ input: 'blank.txt', text: '  \n ' })), /blank\.txt: .*without text/);
        assert.deepEqual(await store.counts(), { articles: 0, duplicates: 0, raws: 0 });
      }));

    test('get round-trips the record and the raw input', () =>
      withStore(harness, async (store) => {
        const doc = annotatedFerryDoc();
        await store.put(doc);
        const stored = await store.get(doc.id);
        assert.ok(stored);
        assert.deepEqual(stored.record, plain(toRecord(doc)));
        assert.deepEqual(stored.raw, plain(doc.raw));
        assert.deepEqual(stored.duplicates, []);
        assert.match(stored.storedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        assert.equal(await store.get('no-such-id'), null);
      }));

    test('list: newest published first, undated last, pages with a total, filter by outlet or domain', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        const all = await store.list({});
        assert.equal(all.total, 5);
        assert.deepEqual(
          all.items.map((a) => a.id),
          [docs.festival, docs.ferry, docs.weather, docs.budget, docs.trams].map((d) => d?.id),
        );
        const first = all.items[0];
        assert.equal(first?.title, 'Harbour festival draws record crowds');
        assert.equal(first?.words, FESTIVAL.split(/\s+/).length);
        assert.equal(first?.input, 'city/festival.txt');

        const page = await store.list({ limit: 2, offset: 2 });
        assert.deepEqual(page.items.map((a) => a.id), all.items.slice(2, 4).map((a) => a.id));
        assert.equal(page.total, 5);
        assert.equal(page.limit, 2);
        assert.equal(page.offset, 2);
        assert.deepEqual((await store.list({ offset: 5 })).items, []);

        const post = await store.list({ outlet: 'Lindholm Post' });
        assert.deepEqual(post.items.map((a) => a.id), [docs.festival?.id, docs.budget?.id]);
        assert.equal(post.total, 2);
        const byDomain = await store.list({ outlet: 'coastcourier.example', limit: 1 });
        assert.equal(byDomain.total, 2);
        assert.deepEqual(byDomain.items.map((a) => a.id), [docs.ferry?.id]);
        assert.equal((await store.list({ outlet: 'Nobody' })).total, 0);
      }));

    test('list and search reject a bad page size with a clear error', () =>
      withStore(harness, async (store) => {
        await assert.rejects(store.list({ limit: 0 }), /limit must be a positive integer/);
        await assert.rejects(store.list({ offset: -1 }), /offset must be a non-negative integer/);
        await assert.rejects(store.search('ferry', { limit: 1.5 }), /limit must be a positive integer/);
      }));

    test('search ranks a title match above a body mention and pages the matches', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        // "festival" is the festival article's title and subject; the budget article never says it.
        const festival = await store.search('festival');
        assert.deepEqual(festival.items.map((h) => h.id), [docs.festival?.id]);
        // "ferry" is in the ferry article's title and body, and only in the body of two others.
        const ferry = await store.search('ferry');
        assert.equal(ferry.total, 3);
        assert.equal(ferry.items[0]?.id, docs.ferry?.id);
        assert.ok((ferry.items[0]?.score ?? 0) > (ferry.items[1]?.score ?? 0));
        const second = await store.search('ferry', { limit: 1, offset: 1 });
        assert.deepEqual(second.items.map((h) => h.id), [ferry.items[1]?.id]);
        assert.equal(second.total, 3);
        // Several words: all must appear. Stemming: "trams" finds "tram".
        assert.deepEqual((await store.search('trams university')).items.map((h) => h.id), [docs.trams?.id]);
        assert.equal((await store.search('ferry university')).total, 0);
      }));

    test('search: quoted phrases must match adjacent words', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        assert.deepEqual((await store.search('"night bus services"')).items.map((h) => h.id), [docs.budget?.id]);
        // Both words occur in the budget article, but not next to each other.
        assert.equal((await store.search('"bus tram"')).total, 0);
        assert.equal((await store.search('bus tram')).total, 1);
        // A word with inner punctuation is a phrase of its parts, as the text was indexed.
        assert.deepEqual((await store.search('gale-force')).items.map((h) => h.id), [docs.ferry?.id]);
      }));

    test('search: case and accents folded, common words kept, English stems matched', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        const cafe = makeDoc({ input: 'cafe.txt', text: 'The Café Über on the quay reopened after the storm, its owner Zoë Brandt said.' });
        await store.put(cafe);
        for (const query of ['cafe uber', 'CAFÉ', 'zoe', 'Über']) assert.deepEqual((await store.search(query)).items.map((h) => h.id), [cafe.id], query);
        // Stop words are words: a phrase made of them, or with them, still matches.
        assert.deepEqual((await store.search('"the ferry crews who carried"')).items.map((h) => h.id), [docs.festival!.id]);
        assert.equal((await store.search('the')).total, 6);
        assert.deepEqual((await store.search('reopening')).items.map((h) => h.id), [cafe.id], 'reopened ~ reopening');
      }));

    test('search: hostile queries never cause an error', () =>
      withStore(harness, async (store) => {
        await seed(store);
        for (const query of ['"', 'AND OR', '*', 'NEAR(', "'; DROP TABLE articles; --", 'title:', '(ferry', 'ferry"', '^ferry', 'NOT', '-', '', '   ', '\uE000ferry\uE001']) {
          const page = await store.search(query);
          assert.ok(page.total >= 0, query);
        }
        // Operator words are plain words; SQL in a query is only words.
        assert.equal((await store.search('NEAR(ferry')).total, 0, 'the word "near" is in no article');
        assert.equal((await store.search('"ferry')).total, 3, 'an unclosed quote runs to the end');
        assert.equal((await store.search('*')).total, 0);
        assert.deepEqual(await store.counts(), { articles: 5, duplicates: 0, raws: 5 });
      }));

    test('search: snippet highlight ranges point at the matched words', () =>
      withStore(harness, async (store) => {
        await seed(store);
        const { items } = await store.search('tram "night bus"');
        assert.equal(items.length, 1);
        const { text, highlights } = items[0]?.snippet ?? { text: '', highlights: [] };
        assert.doesNotMatch(text, /[\uE000\uE001]/u);
        // A matched phrase is one range; a matched word is one range.
        const marked = highlights.map((h) => text.slice(h.start, h.end).toLowerCase());
        assert.deepEqual(marked, ['tram', 'night bus'], JSON.stringify(items[0]?.snippet));
        assert.ok(text.length > 0 && BUDGET.includes(text.replace(/^…|…$/g, '').trim().slice(0, 40)));
      }));

    test('search: marker characters inside article text never leak into highlights', () =>
      withStore(harness, async (store) => {
        const text = 'Icon fonts leave \uE000 and \uE001 characters in scraped pages about the regatta on the lake.';
        await store.put(makeDoc({ input: 'icons.html', text, id: 'icons001' }));
        const snippet = (await store.search('regatta')).items[0]?.snippet;
        assert.ok(snippet);
        assert.deepEqual(snippet.highlights.map((h) => snippet.text.slice(h.start, h.end)), ['regatta']);
        assert.equal((await store.get('icons001'))?.record.text, text, 'the stored text is untouched');
      }));

    test('text with a U+0000 in it is stored, found, and recognised when put again', () =>
      withStore(harness, async (store) => {
        const text = `${WEATHER} A stray\u0000byte from a broken feed.`;
        const doc = makeDoc({ input: 'feed.jsonl#row=1', text, title: 'Wind\u0000warning' });
        assert.equal((await store.put(doc)).status, 'new');
        assert.deepEqual(await store.put(doc), { status: 'unchanged', id: doc.id });
        assert.equal(await store.seen(doc.raw), doc.id);
        const stored = await store.get(doc.id);
        assert.equal(stored?.record.text, text, 'the record is JSON, where U+0000 is written as an escape');
        assert.equal(stored?.raw.content, doc.raw.content.replaceAll('\u0000', harness.nulReadsAs));
        assert.deepEqual((await store.search('stray')).items.map((h) => h.id), [doc.id]);
      }));

    test('raws yields every raw input in stored order, duplicates marked', () =>
      withStore(harness, async (store) => {
        const first = annotatedFerryDoc();
        const weather = makeDoc({ input: 'coast/weather.txt', text: WEATHER });
        const copy = makeDoc({ input: 'wire/ferry-update.txt', text: FERRY_UPDATED });
        for (const doc of [first, weather, copy]) await store.put(doc);
        const raws = await collect(store.raws());
        assert.deepEqual(plain(raws), plain([
          { id: first.id, raw: first.raw, duplicate: false },
          { id: weather.id, raw: weather.raw, duplicate: false },
          { id: first.id, raw: copy.raw, duplicate: true },
        ]));
      }));

    test('raws pages through many inputs while the caller writes between items', () =>
      withStore(harness, async (store) => {
        const docs = Array.from({ length: 450 }, (_, i) =>
          makeDoc({ input: `bulk/${i}.txt`, text: `Bulletin ${i}: ${['north', 'south', 'east', 'west'][i % 4]} district ${i * 7919} report number ${i}` }),
        );
        for (const doc of docs) await store.put(doc);
        let n = 0;
        for await (const { id, raw } of store.raws()) {
          assert.equal(raw.input, `bulk/${n}.txt`);
          await store.replace(id, docs[n] as Doc);
          n++;
        }
        assert.equal(n, 450);
      }));

    test('replace re-analyses an article under the same id and keeps search in step', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        const old = docs.trams as Doc;
        // A newer pipeline cleans the same raw input differently and derives another id.
        const newer = makeDoc({
          input: old.raw.input,
          text: `${TRAMS.replace('university campus', 'science park')} Trams will run every six minutes at peak hours.`,
          title: 'Eastern tram line: works start in spring',
          outlet: 'Coast Courier',
          domain: 'coastcourier.example',
          publishedAt: '2024-01-30',
          id: 'ffff0000',
        });
        await store.replace(old.id, { ...newer, raw: old.raw });
        const stored = await store.get(old.id);
        assert.equal(stored?.record.id, old.id, 'the id is kept');
        assert.equal(stored?.record.title, 'Eastern tram line: works start in spring');
        assert.equal(await store.get('ffff0000'), null);
        assert.deepEqual((await store.search('"science park"')).items.map((h) => h.id), [old.id]);
        assert.equal((await store.search('university')).total, 0);
        assert.equal((await store.search('works spring')).items[0]?.title, 'Eastern tram line: works start in spring');
        assert.deepEqual(await store.counts(), { articles: 5, duplicates: 0, raws: 5 });
        const listed = (await store.list({})).items.find((a) => a.id === old.id);
        assert.equal(listed?.publishedAt, '2024-01-30');
        // The fingerprint moved with the text: a copy of the new text is a duplicate of the article.
        const copy = await store.put(makeDoc({ input: 'mirror/trams.txt', text: newer.text }));
        assert.equal(copy.duplicateOf, old.id);
      }));

    test('replace with a duplicate raw input re-estimates the link; unknown ids and raws are errors', () =>
      withStore(harness, async (store) => {
        const first = annotatedFerryDoc();
        await store.put(first);
        const copy = makeDoc({ input: 'wire/ferry-update.txt', text: FERRY_UPDATED });
        await store.put(copy);
        // Re-cleaned, the copy turns out to be word-for-word the first article.
        await store.replace(first.id, { ...makeDoc({ input: 'x', text: FERRY }), raw: copy.raw });
        assert.deepEqual((await store.get(first.id))?.duplicates, [{ input: 'wire/ferry-update.txt', similarity: 1 }]);
        assert.equal((await store.get(first.id))?.record.text, FERRY, 'the article itself is untouched');
        await assert.rejects(store.replace('nope', first), /coast\/ferry\.txt: no stored article with id "nope"/);
        const stranger = makeDoc({ input: 'elsewhere.txt', text: WEATHER });
        await assert.rejects(store.replace(first.id, stranger), /elsewhere\.txt: this raw input is not stored under article/);
      }));

    test('records, in the order asked, with corrections applied; unknown ids left out', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        const records = await store.records([docs.weather!.id, 'nope', docs.ferry!.id]);
        assert.deepEqual(records.map((r) => r.id), [docs.weather!.id, docs.ferry!.id]);
        assert.deepEqual(records[1], plain(toRecord(docs.ferry!)));
        assert.deepEqual(await store.records([]), []);
      }));

    test('stories: saved state and members, placed articles leave the unplaced list, clear forgets all', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        const order = [docs.ferry, docs.budget, docs.festival, docs.trams, docs.weather].map((d) => d!.id);
        assert.deepEqual(await store.unplacedArticles(), order, 'stored order');
        assert.equal(await store.storyState(), null);
        const placed = [
          { article: docs.ferry!.id, event: 'e1', storyline: 's1' },
          { article: docs.weather!.id, event: 'e1', storyline: 's1' },
          { article: docs.budget!.id, event: 'e2', storyline: 's2' },
        ];
        await store.saveStories('{"version":1}', placed);
        assert.equal(await store.storyState(), '{"version":1}');
        assert.deepEqual(await store.unplacedArticles(), [docs.festival!.id, docs.trams!.id]);
        assert.deepEqual(await store.storyMembers(), [placed[0], placed[2], placed[1]], 'in stored order of the articles');
        // Placing again moves an article and replaces the state.
        await store.saveStories('{"version":2}', [{ article: docs.weather!.id, event: 'e3', storyline: 's2' }]);
        assert.equal(await store.storyState(), '{"version":2}');
        assert.deepEqual(await store.storyOf(docs.weather!.id), { article: docs.weather!.id, event: 'e3', storyline: 's2' });
        assert.equal(await store.storyOf(docs.trams!.id), null);

        await store.saveStoryListings(
          [
            { storyline: 's1', key: 'k1', listing: '{"id":"s1"}' },
            { storyline: 's2', key: 'k2', listing: '{"id":"s2"}' },
          ],
          new Set(['s1', 's2']),
        );
        await store.saveStoryListings([{ storyline: 's2', key: 'k2b', listing: '{"id":"s2","n":2}' }], new Set(['s2']));
        assert.deepEqual([...(await store.storyListings())], [['s2', { key: 'k2b', listing: '{"id":"s2","n":2}' }]]);

        await store.clearStories();
        assert.equal(await store.storyState(), null);
        assert.deepEqual(await store.storyMembers(), []);
        assert.equal((await store.storyListings()).size, 0);
        assert.equal((await store.unplacedArticles()).length, 5);
      }));

    test('entities and places: listings, filters, and list by entity, place, ids and dates', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        const ferry = docs.ferry!.id;
        const page = await store.entities({});
        assert.equal(page.total, 2);
        assert.deepEqual(page.items.map((e) => e.id), ['lindholm', 'sark-minor'], 'ties by id, in code point order');
        assert.deepEqual(await store.entity('sark-minor'), { id: 'sark-minor', name: 'Sark Minor', type: 'GPE', aliases: ['Sark Minor'], articles: 1, mentions: 1 });
        assert.equal(await store.entity('nobody'), null);
        assert.deepEqual((await store.entities({ q: 'SARK' })).items.map((e) => e.id), ['sark-minor']);
        assert.equal((await store.entities({ q: '100%_' })).total, 0, 'LIKE wildcards in q match themselves');
        assert.equal((await store.entities({ type: 'PERSON' })).total, 0);
        assert.deepEqual(await store.places(), [
          { gazetteerId: 'test:1001', name: 'Sark Minor', gazetteerName: 'Sark Minor Island', lat: SARK_MINOR.lat, lon: SARK_MINOR.lon, country: 'GB', kind: 'region', entities: ['sark-minor'], articles: 1, mentions: 1 },
        ]);
        assert.deepEqual(await store.places([docs.budget!.id]), []);
        assert.deepEqual((await store.list({ entity: 'lindholm' })).items.map((a) => a.id), [ferry]);
        assert.deepEqual((await store.list({ place: 'test:1001' })).items.map((a) => a.id), [ferry]);
        assert.deepEqual((await store.list({ ids: [docs.trams!.id, docs.budget!.id] })).items.map((a) => a.id), [docs.budget!.id, docs.trams!.id]);
        assert.equal((await store.list({ ids: [] })).total, 0);
        const february = await store.list({ from: '2024-02-01', to: '2024-02-09' });
        assert.deepEqual(february.items.map((a) => a.id), [ferry, docs.weather!.id], 'the whole of the last day included');
      }));

    test('corrections: added and deleted with ids, applied to records and re-indexed', () =>
      withStore(harness, async (store) => {
        const docs = await seed(store);
        const ferry = docs.ferry!.id;
        const merge = await store.addCorrection({ kind: 'merge-entities', from: 'sark-minor', into: 'lindholm' }, { note: 'same place' });
        assert.equal(typeof merge.id, 'number');
        assert.equal(merge.note, 'same place');
        assert.deepEqual((await store.entities({})).items.map((e) => [e.id, e.mentions]), [['lindholm', 2]]);
        const stored = await store.get(ferry);
        assert.deepEqual(stored?.record.entities.map((e) => e.id), ['lindholm']);
        assert.equal(stored?.corrections.length, 1);
        const reject = await store.addCorrection({ kind: 'reject', article: ferry, target: 'entity', text: 'Lindholm', start: FERRY.indexOf('Lindholm') });
        assert.ok(reject.id > merge.id, 'ids in order of creation');
        assert.deepEqual((await store.corrections()).map((c) => c.id), [merge.id, reject.id]);
        assert.equal(await store.deleteCorrection(merge.id), true);
        assert.equal(await store.deleteCorrection(merge.id), false);
        assert.deepEqual((await store.corrections()).map((c) => c.kind), ['reject']);
        assert.deepEqual((await store.records([ferry]))[0]?.entities.map((e) => e.id), ['sark-minor'], 'the merge is undone, the reject holds');
        assert.deepEqual((await store.entities({})).items.map((e) => e.id), ['sark-minor']);
      }));

    test('migrations: a new database gets every migration once; an older one is upgraded and back-filled', async () => {
      const location = await harness.location();
      try {
        const store = await location.open();
        const docs = await seed(store);
        await store.close();
        await (await location.open()).close();
        // Back to the schema before 0003: the index tables and the record of their migration gone.
        await location.exec(
          "drop table article_entities; drop table article_places; drop table corrections; drop table story_listings; delete from kysely_migration where name in ('0003_workbench', '0004_story_listings')",
        );
        const upgraded = await location.open();
        try {
          assert.deepEqual((await upgraded.entities({ q: 'sark' })).items.map((e) => [e.id, e.articles]), [['sark-minor', 1]]);
          assert.deepEqual((await upgraded.list({ place: 'test:1001' })).items.map((a) => a.id), [docs.ferry!.id]);
          assert.deepEqual(await upgraded.corrections(), []);
          assert.equal((await upgraded.search('festival')).total, 1);
        } finally {
          await upgraded.close();
        }
        // Opened again, nothing is migrated twice (a second 0003 would fail on the existing tables).
        await (await location.open()).close();
      } finally {
        await location.remove();
      }
    });

    test('a store opened again on the same location sees everything', async () => {
      const location = await harness.location();
      try {
        const store = await location.open();
        const docs = await seed(store);
        await store.put(makeDoc({ input: 'wire/ferry-update.txt', text: FERRY_UPDATED }));
        await store.close();
        const again = await location.open();
        try {
          assert.deepEqual(await again.counts(), { articles: 5, duplicates: 1, raws: 6 });
          assert.deepEqual((await again.get(docs.ferry?.id ?? ''))?.record, plain(toRecord(docs.ferry as Doc)));
          assert.equal((await again.search('festival')).items[0]?.id, docs.festival?.id);
          assert.equal((await again.put(docs.budget as Doc)).status, 'unchanged');
          assert.equal((await again.put(makeDoc({ input: 'mirror/ferry.txt', text: FERRY }))).status, 'duplicate');
          assert.equal((await collect(again.raws())).length, 7);
        } finally {
          await again.close();
        }
      } finally {
        await location.remove();
      }
    });
  });
}

for (const harness of HARNESSES) storeSuite(harness);
