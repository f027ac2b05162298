/**
 * End-to-end checks of extract + clean + metadata on real scraped articles
 * from ../shared (never copied into the project): the five seed files and
 * the FA-KES dataset.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { newDoc, type Doc, type RawInput } from '../core/doc.js';
import { runStages } from '../core/stage.js';
import { extractStage } from './extract.js';
import { cleanStage } from './gates.js';
import { metadataStage } from './metadata.js';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const SEEDS = `${SHARED}seeds/`;
const FAKES = `${SHARED}data/fakes-syria-news/FA-KES-Dataset.csv`;
const STAGES = [extractStage, cleanStage, metadataStage];

const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

function run(raw: RawInput): Doc {
  return runStages(newDoc(raw), STAGES, { resources: {} });
}

function seed(prefix: string): { doc: Doc; content: string } {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  assert.ok(file, `seed ${prefix} is missing from ${SEEDS}`);
  const content = readFileSync(SEEDS + file, 'utf8');
  return { doc: run({ input: `seeds/${file}`, kind: 'text', content, meta: {} }), content };
}

/** Asserts that a piece of page furniture is gone from the text and recorded with one of the reasons. */
function assertRemoved(doc: Doc, fragment: string, reasons: readonly string[]): void {
  assert.ok(!doc.text.includes(fragment), `"${fragment}" is still in the text of ${doc.raw.input}`);
  const hit = doc.removed.find((r) => r.text.includes(fragment));
  assert.ok(hit, `"${fragment}" is not in removed for ${doc.raw.input}`);
  assert.ok(reasons.includes(hit.reason), `"${fragment}" removed as ${hit.reason}, expected ${reasons.join('|')}`);
}

/** Every long line of the input is in the text, unless it was removed as the title or a caption. */
function assertBodyIntact(doc: Doc, content: string): void {
  const text = squash(doc.text);
  for (const line of content.split('\n').map(squash)) {
    if (line.split(' ').length < 25) continue;
    const notBody = doc.removed.some((r) => (r.reason === 'caption' || r.reason === 'title') && squash(r.text) === line);
    assert.ok(text.includes(line) || notBody, `body paragraph lost from ${doc.raw.input}: ${line.slice(0, 60)}…`);
  }
  const longRemoved = doc.removed.filter((r) => r.text.split(/\s+/u).length >= 25 && !['caption', 'title'].includes(r.reason));
  assert.deepEqual(longRemoved, [], 'only a title or captions may be long removals');
}

describe('seed articles', { skip: existsSync(SEEDS) ? false : `no seed articles at ${SEEDS}` }, () => {
  it('000: URL header, title from the slug, outlet from the table, photo credit removed', () => {
    const { doc, content } = seed('000');
    assert.equal(doc.meta.domain, 'ibtimes.com');
    assert.equal(doc.meta.outlet, 'International Business Times');
    assert.equal(doc.meta.titleSource, 'url-slug');
    assert.match(doc.meta.title!, /^War ISIS Islamic State Fighters Flee Iraq .* Raqqa Battle$/u);
    assert.ok(!doc.text.startsWith('http'), 'the URL line is not body');
    assert.ok(!/^\d+$/mu.test(doc.text), 'bare-number header lines are not body');
    assertRemoved(doc, 'Photo: Reuters', ['credit']);
    assert.deepEqual(doc.meta.byline, []);
    assert.equal(doc.meta.language, 'en');
    assertBodyIntact(doc, content);
  });

  it('001: title line, tag line, widget lines and a place-prefixed byline', () => {
    const { doc, content } = seed('001');
    assert.equal(doc.meta.titleSource, 'text');
    assert.deepEqual(doc.meta.byline, ['Elijah J. Magnier']);
    assertRemoved(doc, 'Key words:', ['tags']);
    assertRemoved(doc, 'Published here:', ['chrome']);
    assertRemoved(doc, 'Comments are closed.', ['chrome']);
    assertRemoved(doc, 'Magnier', ['byline']);
    assert.ok(!doc.text.includes(doc.meta.title!), 'the title line is not repeated in the body');
    assertBodyIntact(doc, content);
  });

  it('002: a later page date is not the publication date; widgets, caption, credit, related and tags go', () => {
    const { doc, content } = seed('002');
    assert.ok(doc.meta.publishedAt === null || doc.meta.publishedAt.startsWith('2016'), String(doc.meta.publishedAt));
    assert.match(doc.meta.publishedEvidence ?? '', /rejected/u);
    assertRemoved(doc, '2020', ['dateline']);
    assertRemoved(doc, 'Listen Live', ['chrome']);
    assertRemoved(doc, 'Get short URL', ['chrome']);
    assertRemoved(doc, 'Community standards', ['chrome']);
    assertRemoved(doc, 'Discussion', ['chrome']);
    assertRemoved(doc, '© AP Photo', ['credit']);
    assertRemoved(doc, 'In this undated file image', ['caption']);
    const tags = doc.removed.filter((r) => r.reason === 'tags');
    assert.equal(tags.length, 1);
    assert.ok(tags[0]!.text.split(',').length >= 10, 'the trailing topic list');
    // The three related headlines between the last paragraph and the topic list.
    const lines = content.split('\n').map(squash).filter(Boolean);
    const tagLine = lines.findIndex((l) => squash(tags[0]!.text) === l);
    for (const headline of lines.slice(tagLine - 3, tagLine)) assertRemoved(doc, headline, ['related']);
    assertBodyIntact(doc, content);
  });

  it('003: stated update time, banner removed, agency credits as byline', () => {
    const { doc, content } = seed('003');
    assert.equal(doc.meta.publishedAt, '2017-10-14T21:41:42Z');
    assert.deepEqual(doc.meta.byline, ['Reuters', 'AP', 'dpa']);
    assertRemoved(doc, 'Latest News on', ['banner']);
    assertRemoved(doc, 'Reuters, AP, dpa', ['byline']);
    // In-body subheadings stay.
    const subheadings = content
      .split('\n')
      .map(squash)
      .filter((l, i, all) => i > 3 && l !== '' && l.split(' ').length <= 8 && !/[.!?]$/u.test(l) && i < all.length - 2);
    assert.ok(subheadings.length >= 2);
    for (const heading of subheadings.filter((h) => !/,/u.test(h))) assert.ok(doc.text.includes(heading), heading);
    assertBodyIntact(doc, content);
  });

  it('004: related "Read" links and the closing "By: AP"', () => {
    const { doc, content } = seed('004');
    assert.deepEqual(doc.meta.byline, ['AP']);
    assertRemoved(doc, 'By: AP', ['byline']);
    const related = doc.removed.filter((r) => r.reason === 'related');
    assert.equal(related.length, 3);
    for (const r of related) assert.match(r.text, /^Read /u);
    assert.ok(!/^Read\s/mu.test(doc.text));
    assertBodyIntact(doc, content);
  });

  it('all: clean text layout and sensible removals', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const { doc } = seed(prefix);
      assert.match(doc.id, /^[0-9a-f]{16}$/u);
      assert.ok(!/\n{3,}|[ \t\u00a0]{2,}|^\s|\s$/u.test(doc.text), `${prefix}: whitespace not normalised`);
      assert.equal(doc.meta.language, 'en');
      assert.ok(doc.text.length > 1500, `${prefix}: text too short (${doc.text.length})`);
    }
  });
});

describe('FA-KES dataset', { skip: existsSync(FAKES) ? false : `no FA-KES dataset at ${FAKES}` }, () => {
  it('runs every row through extract + clean + metadata and removes little', (t) => {
    const rows = parse(readFileSync(FAKES), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    assert.ok(rows.length >= 780, `expected the 780 rows, found ${rows.length}`);
    let contentChars = 0;
    let removedChars = 0;
    const reasons = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      const content = row['article_content'] ?? '';
      const doc = run({
        input: `FA-KES-Dataset.csv#row=${i + 1}`,
        kind: 'record',
        content,
        meta: { id: row['unit_id'], title: row['article_title'], date: row['date'], outlet: row['source'], container: 'csv' },
      });
      contentChars += content.length;
      for (const r of doc.removed) {
        removedChars += r.text.length;
        reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
      }
      assert.ok(doc.text.length > 0.8 * squash(content).length || content.length < 200, `row ${i + 1} lost too much text`);
      assert.match(doc.meta.publishedAt ?? '', /^\d{4}-\d{2}-\d{2}$/u, `row ${i + 1}: date ${row['date']}`);
      assert.notEqual(doc.meta.outlet, row['source'], `row ${i + 1}: outlet "${row['source']}" not in the table`);
      assert.equal(doc.meta.titleSource, 'container');
    }
    const share = removedChars / contentChars;
    t.diagnostic(`FA-KES: ${rows.length} rows, ${contentChars} chars, removed ${removedChars} (${(share * 100).toFixed(2)}%)`);
    t.diagnostic(`FA-KES removals by reason: ${JSON.stringify(Object.fromEntries(reasons))}`);
    assert.ok(share < 0.02, `removed ${(share * 100).toFixed(2)}% of FA-KES text`);
  });
});
