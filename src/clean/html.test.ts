import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { debrisReason, densestContainer, extractHtml } from './html.js';
import { parseHtmlDocument } from './html-meta.js';

const exampleArticle = readFileSync(new URL('../../examples/article.html', import.meta.url), 'utf8');

/** A paragraph of invented report text, numbered so tests can check which ones survive. */
function para(n: number): string {
  return (
    `<p>Report paragraph ${n}: crews from the water board moved portable pumps overnight to the low-lying ` +
    `streets of ward ${n}, where volunteers had stacked sandbags along the canal since Sunday evening.</p>`
  );
}

function paragraphs(body: string): string[] {
  return body === '' ? [] : body.split('\n\n');
}

test('example article: body is the story, furniture goes to removed with reasons', () => {
  const result = extractHtml(exampleArticle, 'https://www.northeastmonitor.example/assam/2024/07/x');
  assert.equal(result.source, 'readability');
  const body = paragraphs(result.body);
  assert.match(body[0]!, /^JORHAT, Assam — The ferry that normally carries schoolchildren/);
  assert.match(body[body.length - 1]!, /“Tomorrow the same again,” the captain said, “and the day after.”$/);
  assert.ok(body.includes('Temporary bridges and a race against the next rise'), 'subheading kept as its own paragraph');
  for (const debris of ['Nimati ghat on Monday.', 'Photo: Ranjit Saikia', 'Copy link', 'Read more', 'newsletter', 'Dibrugarh', 'Comments', 'Privacy policy', 'Skip to content', 'Majuli Brahmaputra']) {
    assert.ok(!result.body.includes(debris), `body should not contain ${JSON.stringify(debris)}`);
  }
  assert.ok(!body.includes(result.page.title!), 'headline is not repeated in the body');
  const reasons = new Map(result.removed.map((r) => [r.text, r.reason]));
  assert.equal(reasons.get('A ferry carrying relief supplies leaves Nimati ghat for Majuli on Monday.'), 'caption');
  assert.equal(reasons.get('Photo: Ranjit Saikia / Northeast Monitor'), 'credit');
  assert.equal(reasons.get('Facebook X WhatsApp Copy link'), 'share');
  assert.equal(reasons.get("Read more: Why Majuli's embankments keep failing"), 'related');
  assert.equal(reasons.get('Floods Majuli Brahmaputra'), 'tags');
  assert.ok(result.removed.some((r) => r.reason === 'related' && r.text.startsWith('More on the Assam floods')));
  for (const r of result.removed) assert.ok(r.gate.startsWith('html-'), `gate named: ${r.gate}`);
  assert.ok(!/\n{3,}/.test(result.body) && !/ {2,}/.test(result.body), 'whitespace collapsed');
});

test('example article: page metadata', () => {
  const { page } = extractHtml(exampleArticle);
  assert.equal(page.title, 'Boats and bridges: inside the relief effort on Majuli after the Brahmaputra burst its banks');
  assert.equal(page.siteName, 'Northeast Monitor');
  assert.equal(page.url, 'https://www.northeastmonitor.example/assam/2024/07/majuli-flood-relief-boats-bridges');
  assert.deepEqual(page.authors, ['Priya Baruah']);
  assert.equal(page.language, 'en');
  assert.ok(page.dates?.some((d) => d.value === '2024-07-09T06:15:00+05:30' && d.trust === 'structured'));
  assert.ok(!page.dates?.some((d) => d.value.startsWith('2024-07-09T18:40')), 'modified time is not a publication date');
  assert.ok(!page.dates?.some((d) => d.value === '2024-07-08'), "a related link's date is not the article's");
});

test('truncated HTML still yields the text before the cut', () => {
  const cut = exampleArticle.slice(0, exampleArticle.indexOf('Teams from the State Disaster') + 60);
  const result = extractHtml(cut);
  assert.match(result.body, /^JORHAT, Assam/);
  assert.match(result.body, /Teams from the State Disaster Response Force have been runni/);
  assert.equal(result.page.siteName, 'Northeast Monitor');
});

test('page with no article markup: paragraphs found by text density or Readability', () => {
  const html = `<html><head><title>Canal pumps</title></head><body>
    <div id="top"><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></div>
    <div id="wrap"><div id="col-a">${[1, 2, 3, 4, 5].map(para).join('')}</div>
    <div id="col-b"><p><a href="/x">Another story about rain</a></p><p><a href="/y">Council meeting moved</a></p></div></div>
    </body></html>`;
  const result = extractHtml(html);
  assert.deepEqual(
    paragraphs(result.body).map((p) => p.slice(0, 18)),
    [1, 2, 3, 4, 5].map((n) => `Report paragraph ${n}`),
  );
  assert.ok(['readability', 'density'].includes(result.source));
});

test('article split by a gallery module: density fallback recovers what Readability misses', () => {
  // Readability keeps only the larger half of a body interrupted by a module in a sibling section.
  const html = `<html><head><title>Canal pumps</title></head><body><main>
    <section class="top"><div class="text">${[1, 2, 3].map(para).join('')}</div></section>
    <section class="gallery"><img src="a.jpg"><img src="b.jpg"></section>
    <section class="bottom"><div class="text">${[4, 5, 6, 7, 8].map(para).join('')}</div></section>
    </main></body></html>`;
  const result = extractHtml(html);
  assert.equal(result.source, 'density');
  assert.equal(paragraphs(result.body).length, 8);
  assert.match(result.body, /^Report paragraph 1:/);
});

test('the same split inside <article>: the article element wins', () => {
  const html = `<html><body><article>
    <section class="top"><div class="text">${[1, 2, 3].map(para).join('')}</div></section>
    <section class="gallery"><img src="a.jpg"><img src="b.jpg"></section>
    <section class="bottom"><div class="text">${[4, 5, 6, 7, 8].map(para).join('')}</div></section></article>
    <div class="teasers"><p>Elsewhere: a story about a bakery that opened on the high street this week.</p></div></body></html>`;
  const result = extractHtml(html);
  assert.equal(result.source, 'article-element');
  assert.equal(paragraphs(result.body).length, 8);
  assert.ok(!result.body.includes('bakery'));
});

test('JSON-LD articleBody wins over a paywalled teaser, with character references decoded', () => {
  const full = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the full story about the reservoir level &amp; the release schedule agreed by the two districts.`).join('\n');
  const html = `<html><head>
    <script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Reservoir release agreed', articleBody: full })}</script>
    </head><body><article><h1>Reservoir release agreed</h1><p>The two districts agreed a release schedule for the reservoir on Friday.</p>
    <div class="paywall-message">Subscribe to read the rest of this article.</div></article></body></html>`;
  const result = extractHtml(html);
  assert.equal(result.source, 'jsonld-articleBody');
  const body = paragraphs(result.body);
  assert.equal(body.length, 6);
  assert.equal(body[0], 'Paragraph 1 of the full story about the reservoir level & the release schedule agreed by the two districts.');
});

test('JSON-LD articleBody does not replace a full extracted body of similar length', () => {
  const text = [1, 2, 3, 4].map(para).join('');
  const plain = parseHtmlDocument(text).body.textContent ?? '';
  const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'Article', articleBody: plain })}</script></head>
    <body><article>${text}</article></body></html>`;
  const result = extractHtml(html);
  assert.notEqual(result.source, 'jsonld-articleBody');
  assert.equal(paragraphs(result.body).length, 4);
});

test('windows-1252 punctuation already decoded, numeric references and C1 leftovers repaired', () => {
  const html = `<html><body><article><p>The caf\u00e9\u2019s owner said \u201cwe\u2019ll reopen on Monday\u201d \u2014 and she meant it&nbsp;\u2026 despite the water line at 1.2\u00a0m.</p>
    <p>Neighbours called it &#147;a small miracle&#148; while a second owner\u0092s shutters stayed closed for the week.</p>
    <p>${'The high street traders said the clean-up would take at least a fortnight. '.repeat(4)}</p></article></body></html>`;
  const body = paragraphs(extractHtml(html).body);
  assert.equal(body[0], 'The caf\u00e9\u2019s owner said \u201cwe\u2019ll reopen on Monday\u201d \u2014 and she meant it \u2026 despite the water line at 1.2 m.');
  assert.equal(body[1], 'Neighbours called it \u201ca small miracle\u201d while a second owner\u2019s shutters stayed closed for the week.');
});

test('<br> is a line break; two in a row split paragraphs', () => {
  const html = `<html><body><div class="story">
    <p>Flood Relief Office<br>12 Station Road<br>  Jorhat</p>
    <div>${'First paragraph of the bulletin, describing the camps and the boats at length. '.repeat(3)}<br><br>${'Second paragraph of the bulletin, describing the medical teams and their rounds. '.repeat(3)}</div>
    </div></body></html>`;
  const body = paragraphs(extractHtml(html).body);
  assert.equal(body[0], 'Flood Relief Office\n12 Station Road\nJorhat');
  assert.match(body[1]!, /^First paragraph of the bulletin/);
  assert.match(body[2]!, /^Second paragraph of the bulletin/);
});

test('empty, blank and garbage documents never throw', () => {
  for (const input of ['', '   \n ', '<html></html>', '<<<>>>\u0000', '<!-- only a comment -->', '</div></p></body>']) {
    const result = extractHtml(input);
    assert.equal(typeof result.body, 'string');
    assert.ok(!result.body.includes('\u0000'));
    assert.ok(Array.isArray(result.removed));
  }
  assert.deepEqual(extractHtml(''), { body: '', page: {}, removed: [], source: 'none' });
  assert.equal(extractHtml(undefined as unknown as string).source, 'none');
});

test('a fragment without <html> still gives its text', () => {
  assert.equal(extractHtml('<p>Water levels fell overnight at the <b>main gauge</b>.').body, 'Water levels fell overnight at the main gauge.');
});

test('tables and lists: one paragraph per cell or item; link-only lists are related links', () => {
  const html = `<html><body><article>${[1, 2, 3].map(para).join('')}
    <ul><li>Boats deployed: 46</li><li>Camps open: 27</li></ul>
    <table><tr><th>Gauge</th><th>Level</th></tr><tr><td>Neamatighat</td><td>85.9 m</td></tr></table>
    <h3>Read next</h3><ul><li><a href="/a">Rain forecast for the week</a></li><li><a href="/b">Schools stay shut</a></li></ul>
    </article></body></html>`;
  const result = extractHtml(html);
  const body = paragraphs(result.body);
  for (const item of ['Boats deployed: 46', 'Camps open: 27', 'Gauge', 'Level', 'Neamatighat', '85.9 m']) {
    assert.ok(body.includes(item), `missing ${item}`);
  }
  assert.ok(!result.body.includes('Schools stay shut'));
  assert.ok(!result.body.includes('Read next'));
  assert.ok(result.removed.some((r) => r.text === 'Schools stay shut' && r.reason === 'related'));
});

test('pre-cleaning never removes the container that holds the article, whatever its class', () => {
  const html = `<html><body><div class="content social-enabled">${[1, 2, 3, 4].map(para).join('')}</div>
    <div class="social-links"><a href="/fb">Facebook</a></div></body></html>`;
  const result = extractHtml(html);
  assert.equal(paragraphs(result.body).length, 4);
  assert.ok(result.removed.some((r) => r.text === 'Facebook' && r.reason === 'share'));
});

test('blog-engine markup: caption boxes, share and related-post plugins inside the content', () => {
  const html = `<html><head><title>Canal pumps - Ward Notes</title></head><body><div class="site"><div class="entry-content">
    ${para(1)}
    <div class="wp-caption aligncenter"><img src="pump.jpg"><p class="wp-caption-text">The new pump house on the canal.</p></div>
    ${[2, 3, 4].map(para).join('')}
    <div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>
    <div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p><a href="/p1">Older pump story</a></p></div>
    </div></div></body></html>`;
  const result = extractHtml(html);
  assert.equal(paragraphs(result.body).length, 4);
  assert.ok(!/pump house|Share this|Older pump story/.test(result.body));
  const reasons = result.removed.map((r) => r.reason);
  assert.ok(reasons.includes('share') && reasons.includes('related'));
});

test('debrisReason: short furniture lines, never body sentences', () => {
  assert.equal(debrisReason('Photo: Getty Images'), 'credit');
  assert.equal(debrisReason('Volunteers unload rice at the camp. (AP Photo/Anupam Nath)'), 'credit');
  assert.equal(debrisReason('Share this article'), 'share');
  assert.equal(debrisReason('Related: Embankment repairs delayed again'), 'related');
  assert.equal(debrisReason('ADVERTISEMENT'), 'chrome');
  assert.equal(debrisReason('Sign up for our daily newsletter'), 'chrome');
  assert.equal(debrisReason('Officials told Reuters the camps would stay open.'), undefined);
  assert.equal(debrisReason('Credit card debt rose sharply after the floods.'), undefined);
  assert.equal(debrisReason('He wrote the first report for Reuters.'), undefined);
  assert.equal(debrisReason('Read more than the headline before sharing, the minister said in a statement.'), undefined);
  assert.equal(debrisReason('Some text that happens to be one long link', 1), 'related');
});

test('densestContainer picks the prose container over link-heavy lists', () => {
  const document = parseHtmlDocument(
    `<html><body><div id="links">${Array.from({ length: 12 }, (_, i) => `<p><a href="/${i}">A linked headline number ${i} about something</a></p>`).join('')}</div>
     <div id="story">${[1, 2, 3].map(para).join('')}</div></body></html>`,
  );
  assert.equal(densestContainer(document.body)?.element.id, 'story');
});
