import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cleanTitle,
  furnitureReason,
  identifierWords,
  parseHtmlDocument,
  primaryLanguage,
  readJsonLdArticleBody,
  readPageMeta,
  resolveUrl,
} from './html-meta.js';

function meta(html: string, pageUrl?: string) {
  return readPageMeta(parseHtmlDocument(html), pageUrl);
}

test('JSON-LD @graph with @id references (CMS plugin style)', () => {
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'Organization', '@id': 'https://valleypost.example/#org', name: 'The Valley Post' },
      { '@type': 'Person', '@id': 'https://valleypost.example/#/person/1', name: 'Tomás Herrera' },
      { '@type': 'WebPage', '@id': 'https://valleypost.example/2023/05/levee/', url: 'https://valleypost.example/2023/05/levee/', datePublished: '2023-05-01T00:00:00Z' },
      {
        '@type': ['Article', 'NewsArticle'],
        '@id': 'https://valleypost.example/2023/05/levee/#article',
        headline: 'Levee repairs finish ahead of the spring melt',
        mainEntityOfPage: { '@id': 'https://valleypost.example/2023/05/levee/' },
        author: { '@id': 'https://valleypost.example/#/person/1' },
        publisher: { '@id': 'https://valleypost.example/#org' },
        datePublished: '2023-05-02T08:30:00-06:00',
        dateModified: '2023-05-03T10:00:00-06:00',
        inLanguage: 'es-MX',
      },
    ],
  };
  const page = meta(`<html><head><script type="application/ld+json">${JSON.stringify(graph)}</script></head><body></body></html>`);
  assert.equal(page.title, 'Levee repairs finish ahead of the spring melt');
  assert.deepEqual(page.authors, ['Tomás Herrera']);
  assert.equal(page.siteName, 'The Valley Post');
  assert.equal(page.url, 'https://valleypost.example/2023/05/levee/');
  assert.equal(page.language, 'es');
  assert.deepEqual(page.dates, [
    { value: '2023-05-02T08:30:00-06:00', evidence: 'JSON-LD Article datePublished', source: 'json-ld', trust: 'structured' },
  ]);
});

test('JSON-LD: author arrays and strings, "By" prefixes, URLs dropped, broken scripts skipped', () => {
  const html = `<html><head>
    <script type="application/ld+json">{ "this is": not json </script>
    <script type="application/ld+json">
      {"@context":"http://schema.org","@type":"http://schema.org/ReportageNewsArticle","headline":"Ferry service resumes",
       "description":"Crossings restart after
       four days.",
       "author":["By Ana Lima", {"@type":"Person","name":"Kwame Mensah"}, "https://social.example/ana"],
       "publisher":{"@type":"Organization","name":"Harbour Times"},"datePublished":"2022-11-04"}
    </script></head><body></body></html>`;
  const page = meta(html);
  assert.deepEqual(page.authors, ['Ana Lima', 'Kwame Mensah']);
  assert.equal(page.title, 'Ferry service resumes');
  assert.equal(page.description, 'Crossings restart after four days.');
  assert.equal(page.dates?.[0]?.trust, 'structured');
});

test('OpenGraph, article:* and <meta> dates with their trust; modified times left out', () => {
  const html = `<html lang="fr-CA"><head>
    <title>Crue printanière : les évacuations levées - Le Riverain</title>
    <meta property="og:site_name" content="Le Riverain">
    <meta property="article:published_time" content="2021-04-18T07:00:00-04:00">
    <meta property="article:modified_time" content="2021-04-19T12:00:00-04:00">
    <meta name="parsely-pub-date" content="2021-04-18T11:00:00Z">
    <meta name="date" content="2021-04-20">
    <meta name="byl" content="By Chloé Tremblay">
    <meta property="og:description" content="Les résidents peuvent rentrer chez eux.">
    </head><body></body></html>`;
  const page = meta(html);
  assert.equal(page.title, 'Crue printanière : les évacuations levées');
  assert.equal(page.language, 'fr');
  assert.deepEqual(page.authors, ['Chloé Tremblay']);
  assert.equal(page.description, 'Les résidents peuvent rentrer chez eux.');
  assert.deepEqual(
    page.dates?.map((d) => [d.value, d.trust]),
    [
      ['2021-04-18T07:00:00-04:00', 'structured'],
      ['2021-04-18T11:00:00Z', 'structured'],
      ['2021-04-20', 'header'],
    ],
  );
});

test('<time>: inside the article is stated, page header is header, related teasers are ignored', () => {
  const html = `<html><body>
    <div class="topbar"><time datetime="2020-02-14">Friday 14 February</time></div>
    <article><h1>Storm damage</h1><time datetime="2020-02-13T18:00:00Z">13 Feb</time><p>Text of the story.</p></article>
    <div class="related-posts"><time datetime="2020-01-30">30 Jan</time></div>
    <aside><time datetime="2020-01-29">29 Jan</time></aside>
    </body></html>`;
  const page = meta(html);
  assert.deepEqual(
    page.dates?.map((d) => [d.value, d.trust]),
    [
      ['2020-02-14', 'header'],
      ['2020-02-13T18:00:00Z', 'stated'],
    ],
  );
});

test('relative URLs resolve against the page URL; <base href> is honoured', () => {
  assert.equal(
    meta('<html><head><link rel="canonical" href="/news/flood-relief?ref=rss"></head></html>', 'https://paper.example/a/b').url,
    'https://paper.example/news/flood-relief?ref=rss',
  );
  assert.equal(
    meta('<html><head><base href="https://mirror.example/x/"><meta property="og:url" content="story.html"></head></html>').url,
    'https://mirror.example/x/story.html',
  );
  // A relative canonical without any base cannot be resolved: fall back to the page URL.
  assert.equal(meta('<html><head><link rel="canonical" href="/only-relative"></head></html>').url, undefined);
  assert.equal(meta('<html><head></head></html>', 'https://paper.example/p').url, 'https://paper.example/p');
});

test('cleanTitle strips a site name prefix or suffix only when it names the site', () => {
  assert.equal(cleanTitle('Dam inspection ordered | Valley Post', 'The Valley Post'), 'Dam inspection ordered');
  assert.equal(cleanTitle('Valley Post - Dam inspection ordered', 'Valley Post'), 'Dam inspection ordered');
  assert.equal(cleanTitle('Dam inspection ordered – ValleyPost.com', undefined, 'www.valleypost.com'), 'Dam inspection ordered');
  assert.equal(cleanTitle('Rescue at sea - the full story', 'Harbour Times'), 'Rescue at sea - the full story');
  assert.equal(cleanTitle('Harbour Times', 'Harbour Times'), 'Harbour Times');
});

test('readJsonLdArticleBody picks the main article node', () => {
  const html = `<html><head><link rel="canonical" href="https://p.example/main">
    <script type="application/ld+json">[{"@type":"NewsArticle","url":"https://p.example/other","articleBody":"Other story."},
      {"@type":"NewsArticle","url":"https://p.example/main","articleBody":"Main story body."}]</script></head></html>`;
  assert.equal(readJsonLdArticleBody(parseHtmlDocument(html)), 'Main story body.');
  assert.equal(readJsonLdArticleBody(parseHtmlDocument('<p>none</p>')), undefined);
});

test('furniture classifier reads class words, roles and aria labels without substring accidents', () => {
  const el = (html: string) => parseHtmlDocument(`<html><body>${html}</body></html>`).body.firstElementChild!;
  assert.equal(furnitureReason(el('<div class="article-share-bar"></div>')), 'share');
  assert.equal(furnitureReason(el('<div id="mostRead"></div>')), 'related');
  assert.equal(furnitureReason(el('<div class="most-read"></div>')), 'related');
  assert.equal(furnitureReason(el('<ul class="tags"></ul>')), 'tags');
  assert.equal(furnitureReason(el('<div role="navigation"></div>')), 'chrome');
  assert.equal(furnitureReason(el('<section aria-label="Share this story"></section>')), 'share');
  assert.equal(furnitureReason(el('<div class="ad-slot"></div>')), 'chrome');
  // "header", "shadow", "loaded", "commentary" contain furniture words only as substrings.
  for (const cls of ['header', 'shadow-box', 'loaded', 'commentary', 'readable-text', 'article-body']) {
    assert.equal(furnitureReason(el(`<div class="${cls}"></div>`)), undefined, cls);
  }
  assert.equal(furnitureReason(el('<article class="social"></article>')), undefined);
  assert.deepEqual(identifierWords('mostRead'), ['most', 'read', 'mostread']);
});

test('small helpers', () => {
  assert.equal(primaryLanguage('en_GB'), 'en');
  assert.equal(primaryLanguage('english'), undefined);
  assert.equal(resolveUrl('javascript:void(0)', 'https://x.example/'), undefined);
  assert.equal(resolveUrl('//cdn.example/a', 'https://x.example/'), 'https://cdn.example/a');
});

test('meta reading survives an empty document', () => {
  assert.deepEqual(meta(''), {});
});
