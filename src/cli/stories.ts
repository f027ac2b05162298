import type { StoryView } from '../stories/story.js';
import { loadStories, loadStory, placeArticles } from '../stories/placement.js';
import { refreshStoryListings } from '../stories/listings.js';
import { diagnose, errorMessage, withStore, writeLine } from './io.js';
import type { Store } from '../store/store.js';

/** Places articles stored before stories existed (or by an interrupted run); never fails the command. */
export async function placeQuietly(store: Store): Promise<void> {
  try {
    await placeArticles(store);
    // The story list's rows are kept in the store, so a server that only reads never rebuilds them.
    await refreshStoryListings(store);
  } catch (err) {
    diagnose('stories', `placing articles into stories failed: ${errorMessage(err)}`);
  }
}

/** The contract's story object (CONTRACT.md), plus the extra detail the view carries. */
export function storyJson(s: StoryView): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    articles: s.articles,
    start: s.start,
    end: s.end,
    events: s.events,
    summary: s.summary,
    summarySources: s.summarySources,
    timeline: s.timeline.map((t) => ({ date: t.date, text: t.text, article: t.article, sources: t.sources, type: t.type, place: t.place, actors: t.actors, targets: t.targets, reports: t.reports })),
    entities: s.entities,
    places: s.places,
    claims: s.claims,
    conflicts: s.conflicts,
    outlets: s.outlets,
  };
}

const when = (s: Pick<StoryView, 'start' | 'end'>) => (s.start === null ? 'undated' : s.start === s.end ? s.start : `${s.start} – ${s.end}`);

/** `newsgraph stories`: every storyline, newest activity first. */
export async function storiesCommand(opts: { db: string; json?: boolean }): Promise<number> {
  return withStore(opts.db, async (store) => {
    await placeQuietly(store);
    let n = 0;
    for await (const s of loadStories(store)) {
      n++;
      if (opts.json) await writeLine(process.stdout, JSON.stringify(storyJson(s)));
      else await writeLine(process.stdout, `${s.id}  ${s.title}\n    ${s.articles.length} articles, ${s.events.length} events, ${s.outlets.length} outlets, ${when(s)}`);
    }
    if (!opts.json) process.stderr.write(`${n} storylines\n`);
    return 0;
  });
}

function wrap(text: string, indent: string, width = 100): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width - indent.length) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out.join('\n');
}

const range = (f: { min: number | null; max: number | null }) => (f.min !== null && f.max !== null && f.min !== f.max ? `${f.min}–${f.max}` : f.max === null && f.min !== null ? `≥${f.min}` : String(f.min ?? f.max));

/** The readable text of one story (`newsgraph story ID`). */
export function storyText(s: StoryView): string {
  const out: string[] = [];
  out.push(s.title, `${s.id} · ${s.articles.length} articles · ${s.outlets.length} outlets · ${when(s)}`, '');
  out.push('SUMMARY');
  for (const x of s.summarySources) out.push(wrap(`${x.text} [${x.article}]`, '  '));
  out.push('', 'EVENTS');
  for (const e of s.events) out.push(`  ${when(e).padEnd(23)} ${e.title} (${e.articles.length} articles)`);
  out.push('', 'TIMELINE');
  if (s.timeline.length === 0) out.push('  (no happening is dated by its own sentence)');
  for (const t of s.timeline) out.push(wrap(`${t.date.padEnd(10)} ${t.type}${t.place ? ` @ ${t.place}` : ''} — ${t.sources} source${t.sources === 1 ? '' : 's'}: ${t.text}`, '  '));
  if (s.conflicts.length > 0) {
    out.push('', 'CONFLICTING FIGURES');
    for (const c of s.conflicts) {
      out.push(`  ${c.quantity}:`);
      for (const f of c.figures) out.push(`    ${range(f).padEnd(12)} "${f.text}" — ${f.speaker ?? f.outlet}${f.anonymous ? ' (anonymous)' : ''}, ${f.outlet}`);
    }
  }
  out.push('', 'OUTLETS');
  for (const o of s.outlets) {
    const share = o.sources.anonymousShare === null ? 'no sources quoted' : `${Math.round(100 * o.sources.anonymousShare)}% anonymous sources (${o.sources.anonymous} of ${o.sources.anonymous + o.sources.named})`;
    out.push(`  ${o.name ?? o.domain} (${o.domain}): ${o.articles} article${o.articles === 1 ? '' : 's'}, ${share}, ${o.exclusiveClaims} claims carried by no other outlet`);
    for (const t of o.termsByEntity.slice(0, 6)) out.push(`    ${t.name}: ${Object.entries(t.forms).sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ×${n}`).join(', ')}`);
    const labels = Object.entries(o.labels).sort((a, b) => b[1] - a[1]);
    if (labels.length > 0) out.push(`    labels: ${labels.map(([f, n]) => `${f} ×${n}`).join(', ')}`);
    for (const [type, words] of Object.entries(o.acts)) if (type !== 'statement') out.push(`    ${type}: ${Object.entries(words).map(([w, n]) => `${w} ×${n}`).join(', ')}`);
  }
  out.push('', 'CLAIMS (disputed and figures first)');
  for (const c of s.claims.slice(0, 15)) {
    const who = c.speaker ? `${c.speaker}${c.anonymous ? ' (anonymous)' : ''}` : 'unattributed';
    const marks = [`carried by ${c.carriedBy.join(', ')}`, c.corroboratedBy.length ? `corroborated by ${c.corroboratedBy.join(', ')}` : '', c.contradictedBy.length ? `contradicted by ${c.contradictedBy.join(', ')}` : ''].filter(Boolean).join('; ');
    out.push(wrap(`${who}: ${c.text}`, '  '), wrap(`(${marks})`, '      '));
  }
  if (s.claims.length > 15) out.push(`  … ${s.claims.length - 15} more (--json for all)`);
  return out.join('\n');
}

/** `newsgraph story ID`: one story as readable text (or its JSON). */
export async function storyCommand(id: string, opts: { db: string; json?: boolean }): Promise<number> {
  return withStore(opts.db, async (store) => {
    await placeQuietly(store);
    const s = await loadStory(store, id);
    if (!s) {
      diagnose(id, 'no such story (`newsgraph stories` lists them)');
      return 2;
    }
    await writeLine(process.stdout, opts.json ? JSON.stringify(storyJson(s)) : storyText(s));
    return 0;
  });
}
