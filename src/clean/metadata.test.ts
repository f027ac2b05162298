import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { newDoc, type DateEvidence, type Doc, type Extracted, type SourceMeta } from '../core/doc.js';
import outletData from './data/outlets.json' with { type: 'json' };
import {
  articleId,
  articleMeta,
  choosePublicationDate,
  latestYearMentioned,
  leadDateline,
  metadataStage,
  normaliseByline,
  outletForHost,
  outletForName,
  outletFromTemplate,
  titleFromLead,
  titleFromUrl,
} from './metadata.js';

// Invented article text.
const TEXT =
  'Government forces pushed into the eastern districts of the city on Tuesday, officials said, after a week of heavy shelling in 2016.';

function docWith(extracted: Partial<Extracted>, meta: SourceMeta = {}, text = TEXT): Doc {
  return {
    ...newDoc({ input: 'test', kind: 'text', content: text, meta }),
    extracted: { body: text, page: {}, removed: [], source: 'text', ...extracted },
    text,
  };
}

const header = (value: string): DateEvidence => ({ value, evidence: value, source: 'text-header', trust: 'header' });

describe('outlets', () => {
  it('maps hosts through the nearest listed parent domain', () => {
    assert.equal(outletForHost('www.ibtimes.com'), 'International Business Times');
    assert.equal(outletForHost('money.cnn.com'), 'CNN');
    assert.equal(outletForHost('africa.chinadaily.com.cn'), 'China Daily');
    assert.equal(outletForHost('abcnews.go.com'), 'ABC News');
    assert.equal(outletForHost('unknown-site.example'), null);
  });
  it('maps the short names datasets use', () => {
    for (const [alias, name] of [
      ['sputnik', 'Sputnik'],
      ['alaraby', 'The New Arab'],
      ['asharqalawsat', 'Asharq Al-Awsat'],
      ['reuters', 'Reuters'],
      ['right-wing-news', 'Right Wing News'],
    ]) {
      assert.equal(outletForName(alias!), name);
    }
  });
  it('lists no domain twice and no alias for two different outlets', () => {
    const domains = outletData.outlets.flatMap((o) => o.domains);
    assert.equal(new Set(domains).size, domains.length);
    const owner = new Map<string, string>();
    for (const outlet of outletData.outlets) {
      for (const alias of [outlet.name, ...outlet.aliases]) {
        const key = alias.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
        assert.equal(owner.get(key) ?? outlet.name, outlet.name, `"${alias}" names two outlets`);
        owner.set(key, outlet.name);
      }
    }
  });
  it('prefers the table, then site name, then container outlet, then the domain', () => {
    const viaTable = articleMeta(docWith({ page: { siteName: 'Other' } }, { url: 'https://www.reuters.com/a/b' }));
    assert.equal(viaTable.outlet, 'Reuters');
    assert.equal(viaTable.domain, 'reuters.com');
    assert.equal(articleMeta(docWith({ page: { siteName: 'The Local Ledger' } }, { url: 'https://ledger.example.org/x' })).outlet, 'The Local Ledger');
    assert.equal(articleMeta(docWith({}, { outlet: 'dailysabah' })).outlet, 'Daily Sabah');
    assert.equal(articleMeta(docWith({}, { url: 'https://news.unlisted-paper.co.uk/a' })).outlet, 'unlisted-paper.co.uk');
    assert.equal(articleMeta(docWith({})).outlet, null);
  });
});

describe('titles', () => {
  it('rebuilds a title from a URL slug', () => {
    assert.equal(
      titleFromUrl('http://www.example.com/us-and-uk-back-un-plan-for-isis-held-areas-2433437'),
      'US and UK Back UN Plan for ISIS Held Areas',
    );
    assert.equal(titleFromUrl('https://example.com/world/2017/10/14/rebels-enter-the-city.html'), 'Rebels Enter the City');
    assert.equal(titleFromUrl('https://example.com/news/2433437'), null);
    assert.equal(titleFromUrl('not a url'), null);
  });
  it('falls back to the lead sentence', () => {
    assert.equal(titleFromLead('Short lead here. More text.'), 'Short lead here.');
    const long = titleFromLead(TEXT)!;
    assert.ok(long.length <= 101 && long.endsWith('…'), long);
  });
  it('follows text > page > container > slug > lead, and says which', () => {
    const pick = (d: Doc) => [articleMeta(d).title, articleMeta(d).titleSource];
    assert.deepEqual(pick(docWith({ page: { title: 'From the text' } }, { title: 'From the container' })), ['From the text', 'text']);
    assert.deepEqual(pick(docWith({ page: { title: 'From the page' }, source: 'html' })), ['From the page', 'page']);
    assert.deepEqual(pick(docWith({}, { title: 'From the container' })), ['From the container', 'container']);
    assert.deepEqual(pick(docWith({}, { url: 'https://example.com/rebels-enter-the-city-99' })), ['Rebels Enter the City', 'url-slug']);
    assert.equal(articleMeta(docWith({})).titleSource, 'lead');
  });
});

describe('byline', () => {
  it('normalises, splits and deduplicates', () => {
    assert.deepEqual(normaliseByline(['By: AP', 'Reuters, AP, dpa', 'By Jane Roe:', 'jane roe']), ['AP', 'Reuters', 'dpa', 'Jane Roe']);
    assert.deepEqual(normaliseByline([]), []);
  });
  it('merges page and container authors', () => {
    const meta = articleMeta(docWith({ page: { authors: ['Jane Roe'] } }, { authors: ['John Doe', 'Jane Roe'] }));
    assert.deepEqual(meta.byline, ['Jane Roe', 'John Doe']);
  });
});

describe('publication date', () => {
  it('prefers the container date, then structured, then stated evidence', () => {
    const evidence: DateEvidence[] = [
      header('2016-03-01'),
      { value: '2016-02-02', evidence: 'Updated at', source: 'text-stated', trust: 'stated' },
      { value: '2016-01-01T10:00:00+00:00', evidence: 'meta', source: 'html-meta', trust: 'structured' },
    ];
    assert.equal(choosePublicationDate({ date: '4/5/2016' }, evidence, TEXT, []).publishedAt, '2016-04-05');
    assert.equal(choosePublicationDate({}, evidence, TEXT, []).publishedAt, '2016-01-01T10:00:00Z');
    assert.equal(choosePublicationDate({}, evidence.slice(0, 2), TEXT, []).publishedAt, '2016-02-02');
  });
  it('rejects a header date years after the latest year the article mentions', () => {
    const chosen = choosePublicationDate({}, [header('2020-07-07T07:21:00Z')], TEXT, []);
    assert.equal(chosen.publishedAt, null);
    assert.match(chosen.publishedEvidence!, /rejected.*2016/u);
    assert.equal(choosePublicationDate({}, [header('2017-05-01')], TEXT, []).publishedAt, '2017-05-01');
  });
  it('counts years in captions but not in related links', () => {
    const text = 'Officials said the bridge reopened on Monday after repairs.';
    const caption = { text: 'In this file photo from 2014, the bridge lies damaged', reason: 'caption', gate: 'caption' };
    const related = { text: 'What happened to the bridge in 2014', reason: 'related', gate: 'related' };
    assert.equal(choosePublicationDate({}, [header('2020-01-01')], text, [caption]).publishedAt, null);
    assert.equal(choosePublicationDate({}, [header('2020-01-01')], text, [related]).publishedAt, '2020-01-01');
  });
  it('never uses the crawl date', () => {
    assert.equal(choosePublicationDate({ fetchedAt: '2024-01-01T00:00:00Z' }, [], TEXT, []).publishedAt, null);
  });
  it('reads years, not quantities', () => {
    assert.equal(latestYearMentioned(['between 3,000 and 4,500 fighters, 2015 and 2016']), 2016);
    assert.equal(latestYearMentioned(['about 9,000 fighters']), null);
  });
});

describe('stage', () => {
  it('sets the id from the normalised body and declares its layers', () => {
    const a = metadataStage.run(docWith({}, {}, 'Some  Text\nhere.'), { resources: {} });
    const b = metadataStage.run(docWith({}, {}, 'some text here.'), { resources: {} });
    assert.equal(a.id, b.id);
    assert.match(a.id, /^[0-9a-f]{16}$/u);
    assert.equal(articleId('x'), articleId(' X '));
    assert.deepEqual(metadataStage.requires, ['extracted', 'text']);
    assert.deepEqual(metadataStage.assigns, ['meta', 'id']);
  });
  it('uses the container language when given', () => {
    assert.equal(articleMeta(docWith({}, { language: 'de-DE' })).language, 'de');
    assert.equal(articleMeta(docWith({})).language, 'en');
  });
});

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

describe('outlet table covers the development datasets', { skip: existsSync(DATA) ? false : `no datasets at ${DATA}` }, () => {
  it('knows every news_cluster source_domain', () => {
    const file = `${DATA}giveme5w1h-newscluster-5w1h/news_cluster.jsonl`;
    const domains = new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { source_domain?: string }).source_domain)
        .filter((d): d is string => typeof d === 'string'),
    );
    assert.ok(domains.size > 50);
    const unknown = [...domains].filter((d) => outletForHost(d) === null);
    assert.deepEqual(unknown, []);
  });
  it('knows every BuzzFeed-Webis portal and article host', () => {
    const rows = parse(readFileSync(`${DATA}buzzfeed-webis-fakenews-2016/overview.csv`), { columns: true }) as Record<string, string>[];
    // Links to platforms, not publishers.
    const platforms = new Set(['web.archive.org', 'twitter.com', 'itunes.apple.com', 'soundcloud.com']);
    const unknownPortals = [...new Set(rows.map((r) => r['portal']!))].filter((p) => outletForName(p) === null);
    assert.deepEqual(unknownPortals, []);
    const hosts = new Set(rows.map((r) => new URL(r['url']!).hostname).filter((h) => !platforms.has(h)));
    assert.deepEqual([...hosts].filter((h) => outletForHost(h) === null), []);
  });
  it('knows every FA-KES source and the single-outlet corpora', () => {
    const rows = parse(readFileSync(`${DATA}fakes-syria-news/FA-KES-Dataset.csv`), { columns: true }) as Record<string, string>[];
    const unknown = [...new Set(rows.map((r) => r['source']!))].filter((s) => outletForName(s) === null);
    assert.deepEqual(unknown, []);
    assert.equal(outletForName('BBC'), 'BBC');
    assert.equal(outletForName('reuters'), 'Reuters');
    assert.equal(outletForHost('www.ibtimes.com'), 'International Business Times');
  });
});

it('a publisher template signature in the removed chrome names the outlet when nothing else does', () => {
  const removed = [{ text: '    Get short URL', reason: 'chrome', gate: 'chrome' }];
  assert.deepEqual(outletFromTemplate(removed), { name: 'Sputnik', domain: 'sputniknews.com', line: 'Get short URL' });
  assert.equal(outletFromTemplate([{ text: 'Share this article', reason: 'chrome', gate: 'chrome' }]), null);
});

test('the article\'s own dateline beats a dataset date column; a date the story tells of does not', () => {
  assert.equal(leadDateline('Air raids hit market Monitor AFP Saturday 11 Jul 2015 Warplanes struck the market.')?.value, '2015-07-11');
  assert.equal(leadDateline('Date of publication 4 April 2017\nAt least 72 people were killed.')?.value, '2017-04-04');
  assert.equal(leadDateline('December 16 2013 Death toll in bombing raid rises to 76.')?.value, '2013-12-16');
  assert.equal(leadDateline('The town fell on 4 April 2017 after a week of fighting.'), null);
  assert.equal(leadDateline('The town fell after a week of fighting.'), null);
  const chosen = choosePublicationDate({ date: '2015-07-20', container: 'csv' }, [], 'Monitor AFP Saturday 11 Jul 2015 Warplanes struck.', []);
  assert.equal(chosen.publishedAt, '2015-07-11');
  assert.match(chosen.publishedEvidence ?? '', /dateline/);
  assert.equal(choosePublicationDate({ date: '2015-07-20', container: 'csv' }, [], 'Warplanes struck the town on 11 Jul 2015.', []).publishedAt, '2015-07-20');
});

test('a dateline cleaning cut from the head of the text beats a dataset date column, unless it is years after the story', () => {
  const cut = (text: string) => [{ text, reason: 'dateline', gate: 'extract-text' }];
  const body = 'Warplanes struck the market in 2016, killing twelve people.';
  assert.equal(choosePublicationDate({ date: '8/19/2016', container: 'csv' }, [], body, cut('Last updated at Aug 012016')).publishedAt, '2016-08-01');
  assert.equal(choosePublicationDate({ date: '4/17/2017', container: 'csv' }, [], 'The strikes hit Houla in 2017.', cut('Published April 24 2017')).publishedAt, '2017-04-24');
  // A render date years after everything the article speaks of is not its own: the column stands.
  assert.equal(choosePublicationDate({ date: '8/19/2016', container: 'csv' }, [], body, cut('Sun 12 Mar 2023')).publishedAt, '2016-08-19');
  // No date line was cut: the column.
  assert.equal(choosePublicationDate({ date: '8/19/2016', container: 'csv' }, [], body, []).publishedAt, '2016-08-19');
});
