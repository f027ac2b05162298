/**
 * `#/stories/:id`: one storyline as an analyst reads it: summary, timeline,
 * map, entity graph, claims and conflicts, the outlet comparison, its events
 * and articles.
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { ArticleSummary, StoryDetail } from '../../../src/serve/api.js';
import { useApi } from '../api.js';
import { count, countsText, dateSpan, dayOf, percent } from '../format.js';
import { articleHref, articlesHref, entityHref } from '../routes.js';
import { Empty, Inline, Loaded, Loading, SourceBadge, useTitle } from '../ui.js';

const StoryMap = lazy(() => import('./StoryMap.js'));
const EntityGraphView = lazy(() => import('./EntityGraph.js'));

/** Claims shown before "show all": enough to scan, few enough to keep the page fast. */
const CLAIMS_SHOWN = 60;

type Story = StoryDetail;

function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="story-section" aria-labelledby={`${id}-h`} data-testid={testId}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

/** "outlet · title" of a member article, for links that name their source. */
function articleLabel(summaries: ReadonlyMap<string, ArticleSummary>, id: string): string {
  const a = summaries.get(id);
  if (!a) return id;
  return [a.domain ?? a.outlet, a.title].filter(Boolean).join(' · ') || a.input;
}

function Summary({ story }: { story: Story }) {
  if (story.summarySources.length === 0) return <Empty>No sentence of these articles reads well on its own, so there is no summary.</Empty>;
  return (
    <p className="summary" data-testid="summary">
      {story.summarySources.map((s, i) => (
        <span key={i}>
          {i > 0 && ' '}
          <a href={articleHref(s.article, { start: s.start, end: s.end })} title="Read this sentence in its article">
            {s.text}
          </a>
        </span>
      ))}
    </p>
  );
}

function Timeline({ story, summaries }: { story: Story; summaries: ReadonlyMap<string, ArticleSummary> }) {
  if (story.timeline.length === 0) return <Empty>No timeline: no article dates its happenings (events dated only by their article’s publication are left out).</Empty>;
  return (
    <ol className="timeline">
      {story.timeline.map((t, i) => (
        <li key={i} data-testid="timeline-entry">
          <time className="tl-date" dateTime={dayOf(t.date)}>
            {t.date}
          </time>
          <div className="tl-body">
            <span className="tag">{t.type}</span> {t.text}
            <div className="muted small">
              {count(t.sources, 'source')} · <a href={articleHref(t.article)}>{articleLabel(summaries, t.article)}</a>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}

function Places({ story }: { story: Story }) {
  return (
    <div className="map-layout">
      <Suspense fallback={<Loading what="the map" />}>
        <StoryMap places={story.places} />
      </Suspense>
      {story.places.length === 0 ? (
        <Empty>No place in these articles was found in the gazetteer.</Empty>
      ) : (
        <ul className="place-list">
          {story.places.map((p) => (
            <li key={p.entity} data-testid="place-item">
              <a href={entityHref(p.entity)} data-testid="place-name">
                {p.name}
              </a>{' '}
              <span className="muted small">
                {p.country || '—'} · {count(p.articles, 'article')} · {count(p.mentions, 'mention')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Conflicts({ story, summaries }: { story: Story; summaries: ReadonlyMap<string, ArticleSummary> }) {
  return (
    <div data-testid="conflicts">
      <h3>Conflicting figures</h3>
      {story.conflicts.length === 0 ? (
        <Empty>No outlet gives a figure that another contradicts.</Empty>
      ) : (
        story.conflicts.map((c, i) => (
          <div className="conflict" key={i}>
            <h4>{c.quantity}</h4>
            <div className="figures">
              {c.figures.map((f, j) => (
                <div className="figure" key={j}>
                  <div className="figure-value">{f.text}</div>
                  <div className="small">
                    <a href={articleHref(f.article)}>{f.outlet || articleLabel(summaries, f.article)}</a>
                  </div>
                  <div className="small">
                    {f.speaker ?? <span className="muted">no speaker</span>} {(f.speaker !== null || f.anonymous) && <SourceBadge anonymous={f.anonymous} />}
                  </div>
                </div>
              ))}
            </div>
          </div>
        ))
      )}
    </div>
  );
}

function Claims({ story }: { story: Story }) {
  const [all, setAll] = useState(false);
  const shown = all ? story.claims : story.claims.slice(0, CLAIMS_SHOWN);
  if (story.claims.length === 0) return <Empty>No quote or stated figure was found in these articles.</Empty>;
  return (
    <>
      <div className="table-wrap">
        <table className="dense claims" data-testid="claims-table">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Speaker</th>
              <th scope="col">Figures</th>
              <th scope="col">Carried by</th>
              <th scope="col">Corroborated by</th>
              <th scope="col">Contradicted by</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id}>
                <td className="claim-text">
                  <a href={articleHref(c.article)}>{c.text}</a>
                </td>
                <td className="small">
                  {c.speaker && <div>{c.speaker}</div>}
                  {(c.speaker !== null || c.anonymous) && <SourceBadge anonymous={c.anonymous} />}
                </td>
                <td className="small">{c.quantities.map((q) => q.text).join('; ')}</td>
                <td className="small">{c.carriedBy.join(', ')}</td>
                <td className="small">{c.corroboratedBy.join(', ')}</td>
                <td className="small contradicted">{c.contradictedBy.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {story.claims.length > CLAIMS_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? `Show the first ${CLAIMS_SHOWN} claims` : `Show all ${story.claims.length} claims`}
        </button>
      )}
    </>
  );
}

/** The comparison's rows: one per metric, with a cell per outlet. */
function comparisonRows(story: Story): { label: string; cells: string[] }[] {
  const outlets = story.outlets;
  const actors = new Map<string, string>();
  for (const o of outlets) for (const t of o.termsByEntity) actors.set(t.entity, t.name);
  const actTypes = [...new Set(outlets.flatMap((o) => Object.keys(o.acts)))].sort();
  const orNone = (s: string) => s || '—';
  return [
    { label: 'Articles', cells: outlets.map((o) => String(o.articles)) },
    { label: 'Named sources', cells: outlets.map((o) => String(o.sources.named)) },
    { label: 'Anonymous sources', cells: outlets.map((o) => String(o.sources.anonymous)) },
    { label: 'Anonymous share', cells: outlets.map((o) => percent(o.sources.anonymousShare)) },
    { label: 'Label words', cells: outlets.map((o) => orNone(countsText(o.labels))) },
    ...[...actors].map(([entity, name]) => ({
      label: `Names for ${name}`,
      cells: outlets.map((o) => orNone(countsText(o.termsByEntity.find((t) => t.entity === entity)?.forms ?? {}))),
    })),
    ...actTypes.map((type) => ({ label: `Words for ${type}`, cells: outlets.map((o) => orNone(countsText(o.acts[type] ?? {}))) })),
    { label: 'Exclusive claims', cells: outlets.map((o) => String(o.exclusiveClaims)) },
  ];
}

function OutletComparison({ story }: { story: Story }) {
  if (story.outlets.length === 0) return <Empty>No outlet is known for these articles.</Empty>;
  return (
    <div className="table-wrap">
      <table className="dense comparison">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Measure</span>
            </th>
            {story.outlets.map((o) => (
              <th scope="col" key={o.domain}>
                {o.domain}
                {o.name && o.name !== o.domain && <div className="muted small">{o.name}</div>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparisonRows(story).map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={i} className="small">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Events({ story, summaries }: { story: Story; summaries: ReadonlyMap<string, ArticleSummary> }) {
  if (story.events.length === 0) return <Empty>The articles were not grouped into events.</Empty>;
  return (
    <ol className="events">
      {story.events.map((e) => (
        <li key={e.id}>
          <strong>{e.title}</strong> <span className="muted small">{dateSpan(e.start, e.end)}</span>
          <div className="small">
            <Inline
              items={e.articles.map((a) => (
                <a key={a} href={articleHref(a)}>
                  {articleLabel(summaries, a)}
                </a>
              ))}
            />
          </div>
        </li>
      ))}
    </ol>
  );
}

function Articles({ story }: { story: Story }) {
  return (
    <ul className="article-list">
      {story.articleSummaries.map((a) => (
        <li key={a.id}>
          <a href={articleHref(a.id)}>{a.title ?? a.input}</a>{' '}
          <span className="muted small">
            {a.outlet ?? a.domain ?? 'unknown outlet'} · {a.publishedAt ? dayOf(a.publishedAt) : 'undated'}
          </span>
        </li>
      ))}
    </ul>
  );
}

const CONTENTS: readonly [string, string][] = [
  ['summary', 'Summary'],
  ['timeline', 'Timeline'],
  ['map', 'Map'],
  ['graph', 'Entity graph'],
  ['claims', 'Claims'],
  ['outlets', 'Outlets'],
  ['events', 'Events'],
  ['articles', 'Articles'],
];

function StoryBody({ story }: { story: Story }) {
  useTitle(story.title);
  const summaries = new Map(story.articleSummaries.map((a) => [a.id, a]));
  const jump = (id: string) => document.getElementById(`${id}-h`)?.scrollIntoView();
  return (
    <article className="story">
      <header className="story-head">
        <h1>{story.title}</h1>
        <p className="muted">
          {dateSpan(story.start, story.end)} · {count(story.articles.length, 'article')} · {count(story.outlets.length, 'outlet')} ·{' '}
          {count(story.events.length, 'event')}
        </p>
        <nav className="contents" aria-label="Sections of this story">
          {CONTENTS.map(([id, label]) => (
            <button type="button" className="link-button" key={id} onClick={() => jump(id)}>
              {label}
            </button>
          ))}
        </nav>
      </header>
      <Section id="summary" title="Summary">
        <Summary story={story} />
      </Section>
      <Section id="timeline" title="Timeline">
        <Timeline story={story} summaries={summaries} />
      </Section>
      <Section id="map" title="Map">
        <Places story={story} />
      </Section>
      <Section id="graph" title="Entity graph">
        <Suspense fallback={<Loading what="the graph" />}>
          <EntityGraphView graph={story.graph} />
        </Suspense>
      </Section>
      <Section id="claims" title="Claims">
        <Conflicts story={story} summaries={summaries} />
        <h3>All claims</h3>
        <Claims story={story} />
      </Section>
      <Section id="outlets" title="Outlet comparison" testId="outlet-comparison">
        <OutletComparison story={story} />
      </Section>
      <Section id="events" title="Events">
        <Events story={story} summaries={summaries} />
      </Section>
      <Section id="articles" title="Articles">
        <Articles story={story} />
        <p className="small">
          <a href={articlesHref({ story: story.id })}>These articles in the article list</a>
        </p>
      </Section>
    </article>
  );
}

export function StoryPage({ id }: { id: string }) {
  const story = useApi<Story>(`/api/stories/${encodeURIComponent(id)}`);
  return (
    <Loaded state={story} what="the story" failTitle="Story not available" reload={story.reload}>
      {(s) => <StoryBody story={s} />}
    </Loaded>
  );
}
