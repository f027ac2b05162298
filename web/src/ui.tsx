/** Small building blocks shared by the pages: states, pagination, badges, the sparkline. */
import { useEffect, type ReactNode } from 'react';
import type { Loadable } from './api.js';
import { count, sparklineBars } from './format.js';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/**
 * Shows a loadable's state: a loading line before the first answer, the
 * problem detail on failure (with the last good data kept below it).
 */
export function Loaded<T>({
  state,
  what,
  reload,
  failTitle,
  children,
}: {
  state: Loadable<T>;
  what: string;
  reload?: () => void;
  /** A page heading for a detail view that could not be loaded at all. */
  failTitle?: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      {failTitle && state.status === 'error' && state.data === null && <h1>{failTitle}</h1>}
      {state.status === 'error' && <ErrorNote message={state.error} {...(reload ? { onRetry: reload } : {})} />}
      {state.data === null ? state.status === 'loading' && <Loading what={what} /> : <div aria-busy={state.status === 'loading'}>{children(state.data)}</div>}
    </>
  );
}

/** Previous / next links for a paginated list; `href(offset)` builds each page's address. */
export function Pager({ total, limit, offset, href, label }: { total: number; limit: number; offset: number; href: (offset: number) => string; label: string }) {
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      {offset > 0 ? <a href={href(Math.max(0, offset - limit))}>← Previous</a> : <span aria-hidden="true" />}
      <span>
        {total === 0 ? 0 : offset + 1}–{last} of {total.toLocaleString('en')}
      </span>
      {last < total ? <a href={href(offset + limit)}>Next →</a> : <span aria-hidden="true" />}
    </nav>
  );
}

/** "named" / "anonymous" source badge. */
export function SourceBadge({ anonymous }: { anonymous: boolean }) {
  return <span className={anonymous ? 'badge badge-anon' : 'badge badge-named'}>{anonymous ? 'anonymous' : 'named'}</span>;
}

const SPARK_WIDTH = 96;
const SPARK_HEIGHT = 20;

export function Sparkline({ activity }: { activity: readonly { day: string; count: number }[] }) {
  const bars = sparklineBars(activity, SPARK_WIDTH, SPARK_HEIGHT);
  if (bars.length === 0) return <span className="muted">no dates</span>;
  const total = bars.reduce((n, b) => n + b.count, 0);
  const label = `${count(total, 'dated article')} on ${count(bars.length, 'day')}`;
  return (
    <svg className="sparkline" width={SPARK_WIDTH} height={SPARK_HEIGHT} viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1={0} x2={SPARK_WIDTH} y1={SPARK_HEIGHT - 0.5} y2={SPARK_HEIGHT - 0.5} />
      {bars.map((b) => (
        <rect key={b.day} x={b.x} y={b.y} width={b.width} height={b.height}>
          <title>{`${b.day}: ${count(b.count, 'article')}`}</title>
        </rect>
      ))}
    </svg>
  );
}

/** A comma-separated list of nodes. */
export function Inline({ items }: { items: readonly ReactNode[] }) {
  return (
    <>
      {items.map((item, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {item}
        </span>
      ))}
    </>
  );
}

/** Sets the document title while a view is shown. */
export function useTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} · newsgraph` : 'newsgraph';
  }, [title]);
}
