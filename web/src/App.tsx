/** The page frame (masthead, navigation, footer) and the hash router that picks a view. */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { Health } from '../../src/serve/api.js';
import { useApi } from './api.js';
import { count } from './format.js';
import { parseHash, searchHref, type Route } from './routes.js';
import { ArticleList } from './pages/ArticleList.js';
import { ArticleReader } from './pages/ArticleReader.js';
import { Corrections } from './pages/Corrections.js';
import { EntityList } from './pages/EntityList.js';
import { EntityPage } from './pages/EntityPage.js';
import { Ingest } from './pages/Ingest.js';
import { SearchPage } from './pages/SearchPage.js';
import { StoryList } from './pages/StoryList.js';
import { StoryPage } from './pages/StoryPage.js';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const currentHash = () => window.location.hash;

function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseHash(hash), [hash]);
}

/** The view for a route; detail views are keyed by id so a new id starts from a clean state. */
function View({ route }: { route: Route }) {
  switch (route.name) {
    case 'stories':
      return <StoryList q={route.q} offset={route.offset} />;
    case 'story':
      return <StoryPage key={route.id} id={route.id} />;
    case 'articles':
      return <ArticleList filters={route.filters} offset={route.offset} />;
    case 'article':
      return <ArticleReader key={route.id} id={route.id} hl={route.hl} />;
    case 'entities':
      return <EntityList q={route.q} type={route.type} offset={route.offset} />;
    case 'entity':
      return <EntityPage key={route.id} id={route.id} offset={route.offset} />;
    case 'search':
      return <SearchPage q={route.q} offset={route.offset} />;
    case 'ingest':
      return <Ingest />;
    case 'corrections':
      return <Corrections />;
    case 'not-found':
      return (
        <>
          <h1>Nothing here</h1>
          <p>
            There is no page at <code>#/{route.path}</code>. Start from the <a href="#/">story list</a>.
          </p>
        </>
      );
  }
}

const SECTIONS: readonly { href: string; label: string; matches: readonly Route['name'][] }[] = [
  { href: '#/', label: 'Stories', matches: ['stories', 'story'] },
  { href: '#/articles', label: 'Articles', matches: ['articles', 'article'] },
  { href: '#/entities', label: 'Entities', matches: ['entities', 'entity'] },
];

function SearchBox({ route }: { route: Route }) {
  const current = route.name === 'search' ? route.q : '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) window.location.hash = searchHref(q.trim());
  };
  return (
    <form className="search" role="search" aria-label="Search articles" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="search-input">
        Search the full text of articles
      </label>
      <input id="search-input" type="search" placeholder="Search articles…" value={q} maxLength={500} onChange={(e) => setQ(e.target.value)} />
      <button type="submit">Search</button>
    </form>
  );
}

function HealthLine() {
  const health = useApi<Health>('/api/health');
  if (health.status === 'error') return <span className="health bad">API unreachable: {health.error}</span>;
  if (!health.data) return <span className="health">…</span>;
  return (
    <span className="health">
      {count(health.data.articles, 'article')} · {count(health.data.duplicates, 'duplicate')} · {count(health.data.raws, 'stored input')}
    </span>
  );
}

export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // A new view starts at the top with focus in the content, as a page load would; the reader scrolls itself to a marked range.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (route.name !== 'article' || route.hl === null) window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [route]);
  return (
    <>
      <a className="skip-link" href="#view" onClick={(e) => {
          // The hash names views here, so the skip link moves focus instead of following its href.
          e.preventDefault();
          main.current?.focus();
        }}>
        Skip to content
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <a className="brand" href="#/">
            newsgraph
          </a>
          <nav className="primary-nav" aria-label="Sections">
            {SECTIONS.map((s) => (
              <a key={s.href} href={s.href} aria-current={s.matches.includes(route.name) ? 'page' : undefined}>
                {s.label}
              </a>
            ))}
          </nav>
          <SearchBox route={route} />
          <nav className="primary-nav" aria-label="Workbench">
            <a href="#/ingest" aria-current={route.name === 'ingest' ? 'page' : undefined}>
              Ingest
            </a>
            <a href="#/corrections" aria-current={route.name === 'corrections' ? 'page' : undefined}>
              Corrections
            </a>
          </nav>
        </div>
      </header>
      <main id="view" className="view" tabIndex={-1} ref={main}>
        <View route={route} />
      </main>
      <footer className="colophon">
        <HealthLine />
        <span className="footer-links">
          Export: <a href="/api/export/articles.jsonl">articles.jsonl</a> · <a href="/api/export/events.csv">events.csv</a> ·{' '}
          <a href="/api/export/places.geojson">places.geojson</a> · <a href="/docs">API docs</a>
        </span>
      </footer>
    </>
  );
}
