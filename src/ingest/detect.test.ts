import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFromName, looksLikeHtml, sniffContent } from './detect.js';

test('the format comes from the extension after stripping .gz', () => {
  assert.deepEqual(formatFromName('data/News.CSV.gz'), { format: 'csv', gzip: true, extension: '.csv' });
  assert.equal(formatFromName('a/b.ndjson').format, 'jsonl');
  assert.equal(formatFromName('a/b.tsv').format, 'tsv');
  assert.equal(formatFromName('a/feed.atom').format, 'xml');
  assert.equal(formatFromName('page.xhtml').format, 'html');
  assert.equal(formatFromName('notes.md').format, 'text');
  assert.equal(formatFromName('README').format, 'text');
  assert.equal(formatFromName('dir.with.dots/README').format, 'text');
  assert.equal(formatFromName('scan.pdf').format, 'unknown');
});

test('content sniffing finds feeds and pages behind any extension', () => {
  assert.equal(sniffContent('<?xml version="1.0"?>\n<!-- generated -->\n<rss version="2.0"><channel>'), 'feed');
  assert.equal(sniffContent('\uFEFF<feed xmlns="http://www.w3.org/2005/Atom">'), 'feed');
  assert.equal(sniffContent('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">'), 'feed');
  assert.equal(sniffContent('  <!DOCTYPE html>\n<html lang="en">'), 'html');
  assert.equal(sniffContent('<html><body>'), 'html');
  assert.equal(sniffContent('<div class="story"><p>Saved fragment</p></div>'), 'html');
  assert.equal(sniffContent('<?xml version="1.0"?><corpus><doc/></corpus>'), 'xml');
  assert.equal(sniffContent('BEIRUT (Reuters) - The <b>first</b> line of a wire story.'), 'text');
});

test('a field is HTML only when it carries real markup', () => {
  assert.equal(looksLikeHtml('<p>One paragraph.</p><p>Another.</p>'), true);
  assert.equal(looksLikeHtml('Prices rose 5% as x < y and y > z.'), false);
  assert.equal(looksLikeHtml('A single <b>bold</b> word.'), true);
  assert.equal(looksLikeHtml('An email <editor@example.org> in a byline.'), false);
});
