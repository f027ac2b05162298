import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { analysedSeeds, HAVE_SEEDS, SEEDS_DIR } from '../pipeline/seeds.fixture.js';
import { loadPipeline } from '../pipeline/index.js';
import { toRecord, type ArticleRecord } from '../core/record.js';
import { clusterArticle } from './article.js';
import { TwoLevelClusterer } from './cluster.js';
import { buildStory } from './story.js';

const skip = !HAVE_SEEDS && 'seeds not present';

/** The seeds in file order, keyed by their number ("000"). */
function seeds(dates?: Record<string, string>): Map<string, ArticleRecord> {
  if (!dates) return new Map(analysedSeeds().map((d) => [d.raw.input.slice(0, 3), toRecord(d)]));
  // Analysed with the date in the input's metadata, so "Tuesday" resolves against it.
  return new Map(
    readdirSync(SEEDS_DIR)
      .sort()
      .map((f) => {
        const n = f.slice(0, 3);
        const meta = dates[n] ? { container: 'file' as const, date: dates[n] } : { container: 'file' as const };
        return [n, toRecord(loadPipeline().analyze({ input: f, kind: 'text', content: readFileSync(SEEDS_DIR + f, 'utf8'), meta }))];
      }),
  );
}

function cluster(records: Map<string, ArticleRecord>) {
  const c = new TwoLevelClusterer();
  const events = new Map<number, string[]>();
  const lines = new Set<number>();
  const byDate = [...records].sort((a, b) => (a[1].publishedAt ?? '9999').localeCompare(b[1].publishedAt ?? '9999') || a[0].localeCompare(b[0]));
  for (const [n, r] of byDate) {
    const at = c.add(clusterArticle(r));
    events.set(at.event, [...(events.get(at.event) ?? []), n]);
    lines.add(at.storyline);
  }
  return { events: [...events.values()].map((g) => g.sort().join(',')).sort(), storylines: lines.size };
}

// Publication dates as a feed or dataset would give them (the seed files carry only 003's).
const DATES = { '000': '2016-10-25', '002': '2016-10-27', '001': '2017-06-06', '003': '2017-10-14T21:41:42Z', '004': '2017-10-14' };

let datedSeeds: Map<string, ArticleRecord> | null = null;
const dated = () => (datedSeeds ??= seeds(DATES));

test('seeds: all five in one storyline', { skip }, () => {
  assert.equal(cluster(seeds()).storylines, 1);
  assert.equal(cluster(dated()).storylines, 1);
});

test('seeds with their publication dates: events {000, 002}, {001}, {003, 004}', { skip }, () => {
  assert.deepEqual(cluster(dated()).events, ['000,002', '001', '003,004']);
});

test('seeds story: conflicting figures side by side, Sputnik says Daesh and quotes anonymous sources', { skip }, () => {
  const records = [...dated().values()];
  const s = buildStory('line', [{ id: 'e', articles: records.map((r) => r.id) }], records);
  const fighters = s.conflicts.find((c) => c.figures.some((f) => f.min === 9000) && c.figures.some((f) => f.min === 3000 && f.max === 4500));
  assert.ok(fighters, `9,000 vs 3,000-4,500 not found in ${JSON.stringify(s.conflicts.map((c) => c.figures.map((f) => f.text)))}`);
  assert.match(fighters.quantity, /fighters of islamic-state/);
  const nineThousand = s.claims.find((c) => c.text.includes('9,000'))!;
  assert.ok(nineThousand.anonymous);
  assert.deepEqual(nineThousand.contradictedBy, ['sputniknews.com']);

  const sputnik = s.outlets.find((o) => o.domain === 'sputniknews.com')!;
  assert.ok(sputnik.sources.anonymous >= 1 && sputnik.sources.anonymousShare! > 0);
  const forms = sputnik.termsByEntity.find((t) => t.entity === 'islamic-state')!.forms;
  const top = Object.entries(forms).sort((a, b) => b[1] - a[1])[0]![0];
  assert.equal(top, 'Daesh');
  assert.ok((sputnik.terms['Daesh'] ?? 0) >= 5);
  const ibtimes = s.outlets.find((o) => o.domain === 'ibtimes.com')!;
  assert.ok((ibtimes.terms['ISIS'] ?? 0) > (ibtimes.terms['Daesh'] ?? 0), 'IBTimes says ISIS');
});

test('seeds story: runs from October 2016 to the October 2017 deal; the timeline is ordered by when things happened', { skip }, () => {
  const records = [...dated().values()];
  const s = buildStory('line', [{ id: 'e', articles: records.map((r) => r.id) }], records);
  assert.equal(s.start, '2016-10-25');
  assert.equal(s.end, '2017-10-14');
  const dates = s.timeline.map((t) => t.date);
  assert.deepEqual(dates, [...dates].sort());
  assert.ok(s.timeline.some((t) => t.type === 'territory-captured' && t.place === 'mayadin' && t.date === '2017-10-14'), 'the capture of Mayadin on 14 October 2017');
  assert.ok(s.timeline.some((t) => t.date.startsWith('2016-10')), 'something dated in October 2016');
  assert.ok(s.summary.length >= 3 && s.summarySources.every((x) => records.find((r) => r.id === x.article)!.text.slice(x.start, x.end) === x.text));
  assert.ok(s.places.some((p) => p.entity === 'raqqa') && s.places.some((p) => p.entity === 'mosul'));
});
