/**
 * `#/articles/:id`: the cleaned text with its annotations highlighted, the
 * extracted values beside it, and the corrections an analyst can make to
 * them. Article data is hostile: it reaches the page only as React text.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ArticleDetail, ArticleRecord, CorrectionInput, GazetteerCandidate } from '../../../src/serve/api.js';
import { getJson, messageOf, sendJson, useApi } from '../api.js';
import { highlights, LAYERS, speakerLine, typeClass, type Highlight, type Layer } from '../annotations.js';
import { dayOf, safeWebUrl } from '../format.js';
import { rejectClaim, rejectDate, rejectEntity, rejectEvent, rejectPlace, rejectQuote } from '../rejections.js';
import { entityHref, rawHref, storyHref, withQuery, type Range } from '../routes.js';
import { segment, type Segment } from '../segments.js';
import { Empty, ErrorNote, Inline, Loaded, SourceBadge, useTitle } from '../ui.js';
import { SentenceParse } from './SentenceParse.js';

/** Posts corrections (in order), then reloads the article. */
type Correct = (inputs: readonly CorrectionInput[]) => void;

function SegmentView({ seg }: { seg: Segment<Highlight> }) {
  if (seg.marks.length === 0) return <>{seg.text}</>;
  const className = [...new Set(seg.marks.flatMap((m) => m.className.split(' ')))].join(' ');
  const title = seg.marks.flatMap((m) => (m.title ? [m.title] : [])).join(' · ') || undefined;
  const quote = seg.marks.some((m) => m.layer === 'quote');
  const Tag = seg.marks.some((m) => m.layer === null) ? 'mark' : 'span';
  return (
    <Tag className={className} title={title} data-testid={quote ? 'hl-quote' : undefined}>
      {seg.text}
    </Tag>
  );
}

function ArticleText({ record, layers, target }: { record: ArticleRecord; layers: ReadonlySet<Layer>; target: Range | null }) {
  const segments = useMemo(() => segment(record.text, highlights(record, layers, target)), [record, layers, target]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (target) box.current?.querySelector('mark.hl-target')?.scrollIntoView({ block: 'center' });
  }, [target]);
  if (!record.text.trim()) return <Empty>Cleaning left no body text. See the removed debris and the raw input below.</Empty>;
  return (
    <div className="article-text" ref={box}>
      {segments.map((s) => (
        <SegmentView key={s.start} seg={s} />
      ))}
    </div>
  );
}

function Legend({ layers, setLayers }: { layers: ReadonlySet<Layer>; setLayers: (l: ReadonlySet<Layer>) => void }) {
  const toggle = (layer: Layer) => {
    const next = new Set(layers);
    if (!next.delete(layer)) next.add(layer);
    setLayers(next);
  };
  return (
    <fieldset className="legend">
      <legend>Highlight</legend>
      {LAYERS.map(({ layer, label }) => (
        <label key={layer}>
          <input type="checkbox" checked={layers.has(layer)} onChange={() => toggle(layer)} /> <span className={`swatch sw-${layer}`} aria-hidden="true" /> {label}
        </label>
      ))}
      <span className="legend-types small" aria-label="Entity colours">
        {['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'].map((t) => (
          <span key={t} className={`hl-entity ${typeClass(t)}`}>
            {t}
          </span>
        ))}
      </span>
    </fieldset>
  );
}

function WrongButton({ what, onClick, disabled }: { what: string; onClick: () => void; disabled: boolean }) {
  return (
    <button type="button" className="wrong" onClick={onClick} disabled={disabled} aria-label={`Mark as wrong: ${what}`} title="Mark as wrong (hides it; undo on the Corrections page)">
      ✕ wrong
    </button>
  );
}

function PanelSection({ title, items, empty, children }: { title: string; items: number; empty: string; children: ReactNode }) {
  return (
    <section className="panel-section">
      <h2>
        {title} <span className="muted">({items})</span>
      </h2>
      {items === 0 ? <p className="muted small">{empty}</p> : children}
    </section>
  );
}

/** Search the gazetteer and pick the record a place should be. */
function FixPlace({ record, place, correct, busy }: { record: ArticleRecord; place: ArticleRecord['places'][number]; correct: Correct; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState(place.name);
  const [onlyHere, setOnlyHere] = useState(true);
  const [found, setFound] = useState<{ items: readonly GazetteerCandidate[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <button type="button" className="small-button" onClick={() => setOpen(true)} aria-label={`Fix place: ${place.name}`}>
        Fix place
      </button>
    );
  const search = async () => {
    setError(null);
    try {
      setFound(await getJson<{ items: GazetteerCandidate[] }>(withQuery('/api/gazetteer', { q: q.trim(), limit: 10 })));
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const pick = (c: GazetteerCandidate) => {
    correct([{ kind: 'fix-place', entity: place.entity, gazetteerId: c.gazetteerId, ...(onlyHere ? { article: record.id } : {}) }]);
    setOpen(false);
  };
  return (
    <div className="fix-place">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim()) void search();
        }}
      >
        <label className="visually-hidden" htmlFor={`gaz-${place.entity}`}>
          Gazetteer name for {place.name}
        </label>
        <input id={`gaz-${place.entity}`} type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">Find</button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </form>
      <label className="small">
        <input type="checkbox" checked={onlyHere} onChange={(e) => setOnlyHere(e.target.checked)} /> only in this article
      </label>
      {error && <ErrorNote message={error} />}
      {found &&
        (found.items.length === 0 ? (
          <p className="muted small">No gazetteer record is called that.</p>
        ) : (
          <ul className="candidates">
            {found.items.map((c) => (
              <li key={c.gazetteerId}>
                <button type="button" className="small-button" disabled={busy} onClick={() => pick(c)}>
                  Use
                </button>{' '}
                {c.name}
                <span className="muted small">
                  {' '}
                  {[c.admin1, c.country, c.kind].filter(Boolean).join(', ')} · pop. {c.population.toLocaleString('en')} · {c.lat.toFixed(2)}, {c.lon.toFixed(2)}
                </span>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

function SidePanel({ record, correct, busy }: { record: ArticleRecord; correct: Correct; busy: boolean }) {
  const placeIds = new Set(record.places.map((p) => p.entity));
  const names = new Map(record.entities.map((e) => [e.id, e.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const entities = [...record.entities].filter((e) => !placeIds.has(e.id)).sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  return (
    <aside className="side-panel" aria-label="Extracted from this article">
      <PanelSection title="Entities" items={entities.length} empty="No person, organisation or group was found.">
        <ul className="items">
          {entities.map((e) => (
            <li key={e.id}>
              <span className={`swatch ${typeClass(e.type)}`} aria-hidden="true" /> <a href={entityHref(e.id)}>{e.name}</a>{' '}
              <span className="muted small">
                {e.type} · {e.mentions.length}×{e.roles.length > 0 && ` · ${e.roles.join('; ')}`}
              </span>
              <WrongButton what={`entity ${e.name}`} disabled={busy} onClick={() => correct(rejectEntity(record, e))} />
            </li>
          ))}
        </ul>
      </PanelSection>
      <PanelSection title="Places" items={record.places.length} empty="No place was found in the gazetteer.">
        <ul className="items">
          {record.places.map((p) => (
            <li key={p.entity}>
              <a href={entityHref(p.entity)}>{p.name}</a>{' '}
              <span className="muted small">
                → {p.gazetteerName}, {p.country || 'no country'} ({p.kind}) · {p.lat.toFixed(2)}, {p.lon.toFixed(2)}
              </span>
              <WrongButton what={`place ${p.name}`} disabled={busy} onClick={() => correct([rejectPlace(record, p)])} />
              <FixPlace record={record} place={p} correct={correct} busy={busy} />
            </li>
          ))}
        </ul>
      </PanelSection>
      <PanelSection title="Dates" items={record.dates.length} empty="No date expression was found.">
        <ul className="items">
          {record.dates.map((d) => (
            <li key={d.start}>
              “{d.text}” <span className="muted small">→ {d.value ?? 'not resolved'}</span>
              <WrongButton what={`date ${d.text}`} disabled={busy} onClick={() => correct([rejectDate(record, d)])} />
            </li>
          ))}
        </ul>
      </PanelSection>
      <PanelSection title="Quotes" items={record.quotes.length} empty="No quote or reported statement was found.">
        <ul className="items">
          {record.quotes.map((q) => (
            <li key={q.start}>
              <q>{q.text}</q>
              <div className="small">
                {speakerLine(q)} <SourceBadge anonymous={q.anonymous} />
                {q.cue && <span className="muted"> · “{q.cue}”</span>}
                {q.via.length > 0 && <span className="muted"> · via {q.via.join(', ')}</span>}
              </div>
              <WrongButton what={`quote ${q.text.slice(0, 60)}`} disabled={busy} onClick={() => correct([rejectQuote(record, q)])} />
            </li>
          ))}
        </ul>
      </PanelSection>
      <PanelSection title="Events" items={record.events.length} empty="No event was found.">
        <ul className="items">
          {record.events.map((e, i) => (
            <li key={i}>
              <span className="tag">{e.type}</span>
              {e.trigger && <span> “{e.trigger.text}”</span>}
              <dl className="facts small">
                {e.actors.length > 0 && (
                  <>
                    <dt>actors</dt>
                    <dd>
                      <Inline
                        items={e.actors.map((a) => (
                          <a key={a} href={entityHref(a)}>
                            {nameOf(a)}
                          </a>
                        ))}
                      />
                    </dd>
                  </>
                )}
                {e.targets.length > 0 && (
                  <>
                    <dt>targets</dt>
                    <dd>
                      <Inline
                        items={e.targets.map((a) => (
                          <a key={a} href={entityHref(a)}>
                            {nameOf(a)}
                          </a>
                        ))}
                      />
                    </dd>
                  </>
                )}
                {e.place && (
                  <>
                    <dt>place</dt>
                    <dd>{nameOf(e.place)}</dd>
                  </>
                )}
                <dt>date</dt>
                <dd>{e.date ?? 'undated'}</dd>
              </dl>
              <WrongButton what={`event ${e.type}`} disabled={busy} onClick={() => correct([rejectEvent(record, e)])} />
            </li>
          ))}
        </ul>
      </PanelSection>
      <PanelSection title="Claims" items={record.claims.length} empty="No claim was found.">
        <ul className="items">
          {record.claims.map((c, i) => (
            <li key={i}>
              {c.text}
              <div className="small">
                {c.speaker ?? <span className="muted">no speaker</span>} <SourceBadge anonymous={c.anonymous} />
                {c.quantities.length > 0 && <span className="muted"> · figures: {c.quantities.map((q) => q.text).join('; ')}</span>}
              </div>
              <WrongButton what={`claim ${c.text.slice(0, 60)}`} disabled={busy} onClick={() => correct([rejectClaim(record, c)])} />
            </li>
          ))}
        </ul>
      </PanelSection>
    </aside>
  );
}

function Meta({ detail }: { detail: ArticleDetail }) {
  const r = detail.record;
  const url = safeWebUrl(r.url);
  return (
    <p className="byline-line">
      <span>{r.outlet ?? r.domain ?? 'unknown outlet'}</span>
      {r.byline.length > 0 && <span> · by {r.byline.join(', ')}</span>}
      <span> · {r.publishedAt ? <time dateTime={r.publishedAt}>{dayOf(r.publishedAt)}</time> : 'undated'}</span>
      {r.language && <span> · {r.language}</span>}
      {detail.story && (
        <span>
          {' '}
          · <a href={storyHref(detail.story.storyline)}>its story</a>
        </span>
      )}
      {url && (
        <span>
          {' '}
          ·{' '}
          <a href={url} target="_blank" rel="noopener noreferrer">
            original page
          </a>
        </span>
      )}
      <span>
        {' '}
        ·{' '}
        <a href={rawHref(r.id)} target="_blank" rel="noopener noreferrer">
          Raw input
        </a>
      </span>
    </p>
  );
}

function Reader({ detail, hl, correct, busy, error }: { detail: ArticleDetail; hl: Range | null; correct: Correct; busy: boolean; error: string | null }) {
  const r = detail.record;
  useTitle(r.title ?? r.input);
  const [layers, setLayers] = useState<ReadonlySet<Layer>>(() => new Set(LAYERS.map((l) => l.layer)));
  return (
    <article className="reader">
      <header>
        <h1>{r.title ?? <span className="muted">{r.input}</span>}</h1>
        <Meta detail={detail} />
        <p className="muted small">
          Input: <code>{r.input}</code> · stored {dayOf(detail.storedAt)}
        </p>
      </header>
      {error && <ErrorNote message={`The correction was not saved: ${error}`} />}
      <div className="reader-layout">
        <div className="reader-main">
          <Legend layers={layers} setLayers={setLayers} />
          <ArticleText record={r} layers={layers} target={hl} />
          <SentenceParse id={r.id} />
          <details className="debris">
            <summary>Removed debris ({r.removed.length})</summary>
            {r.removed.length === 0 ? (
              <p className="muted small">Cleaning removed nothing.</p>
            ) : (
              <ul>
                {r.removed.map((d, i) => (
                  <li key={i}>
                    <span className="tag">{d.reason}</span> <span className="debris-text">{d.text}</span>
                  </li>
                ))}
              </ul>
            )}
          </details>
          {detail.duplicates.length > 0 && (
            <section>
              <h2>Duplicates</h2>
              <ul className="small">
                {detail.duplicates.map((d, i) => (
                  <li key={i}>
                    <code>{d.input}</code> <span className="muted">({Math.round(d.similarity * 100)}% alike)</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {detail.corrections.length > 0 && (
            <p className="small">
              {detail.corrections.length} correction{detail.corrections.length === 1 ? '' : 's'} changed this article (<a href="#/corrections">review or undo</a>).
            </p>
          )}
        </div>
        <SidePanel record={r} correct={correct} busy={busy} />
      </div>
    </article>
  );
}

export function ArticleReader({ id, hl }: { id: string; hl: Range | null }) {
  const article = useApi<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { reload } = article;
  const correct: Correct = (inputs) => {
    setBusy(true);
    setError(null);
    void (async () => {
      try {
        for (const input of inputs) await sendJson('POST', '/api/corrections', input);
      } catch (err) {
        setError(messageOf(err));
      } finally {
        setBusy(false);
        reload();
      }
    })();
  };
  return (
    <Loaded state={article} what="the article" failTitle="Article not available" reload={reload}>
      {(detail) => <Reader detail={detail} hl={hl} correct={correct} busy={busy} error={error} />}
    </Loaded>
  );
}
