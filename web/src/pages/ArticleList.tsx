/** `#/articles`: every stored article, filtered by outlet, dates, entity, place or story, a page at a time. */
import { useEffect, useState, type FormEvent } from 'react';
import type { ArticleSummary, Page } from '../../../src/serve/api.js';
import { useApi } from '../api.js';
import { count, dayOf } from '../format.js';
import { articleHref, articlesHref, FILTER_KEYS, withQuery, type ArticleFilters } from '../routes.js';
import { Empty, Loaded, Pager, useTitle } from '../ui.js';

const PAGE_SIZE = 50;

const FIELDS: readonly { key: keyof ArticleFilters; label: string; type: 'text' | 'date'; hint: string }[] = [
  { key: 'outlet', label: 'Outlet', type: 'text', hint: 'name or domain' },
  { key: 'from', label: 'From', type: 'date', hint: '' },
  { key: 'to', label: 'To', type: 'date', hint: '' },
  { key: 'entity', label: 'Entity id', type: 'text', hint: 'e.g. haider-al-abadi' },
  { key: 'place', label: 'Place id', type: 'text', hint: 'gazetteer id' },
  { key: 'story', label: 'Story id', type: 'text', hint: '' },
];

export function ArticleTable({ items }: { items: readonly ArticleSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="dense">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Outlet</th>
            <th scope="col">Published</th>
            <th scope="col" className="num">
              Words
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="story-title">
                <a href={articleHref(a.id)}>{a.title ?? a.input}</a>
              </th>
              <td className="small">{a.outlet ?? a.domain ?? <span className="muted">unknown</span>}</td>
              <td className="nowrap small">{a.publishedAt ? dayOf(a.publishedAt) : <span className="muted">undated</span>}</td>
              <td className="num small">{a.words.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ArticleList({ filters, offset }: { filters: ArticleFilters; offset: number }) {
  useTitle('Articles');
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const articles = useApi<Page<ArticleSummary>>(withQuery('/api/articles', { ...filters, limit: PAGE_SIZE, offset }));
  const filtered = FILTER_KEYS.some((k) => filters[k] !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.location.hash = articlesHref(Object.fromEntries(FILTER_KEYS.map((k) => [k, draft[k].trim()])));
  };
  return (
    <>
      <h1>Articles</h1>
      <form className="filters" aria-label="Filter articles" onSubmit={submit}>
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <input type={f.type} value={draft[f.key]} placeholder={f.hint} maxLength={200} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          </label>
        ))}
        <div className="filter-actions">
          <button type="submit">Apply</button>
          {filtered && <a href="#/articles">Clear filters</a>}
        </div>
      </form>
      <Loaded state={articles} what="articles" reload={articles.reload}>
        {(page) =>
          page.items.length === 0 ? (
            filtered ? (
              <Empty>No article matches these filters. Widen the dates or clear a filter.</Empty>
            ) : (
              <Empty>
                No articles yet. <a href="#/ingest">Ingest</a> text, HTML, a page or a feed.
              </Empty>
            )
          ) : (
            <>
              <p className="muted">{count(page.total, 'article')}</p>
              <ArticleTable items={page.items} />
              <Pager total={page.total} limit={page.limit} offset={page.offset} label="Article" href={(o) => articlesHref(filters, o)} />
            </>
          )
        }
      </Loaded>
    </>
  );
}
