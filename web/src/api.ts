/**
 * The JSON API client. Errors come back as RFC 9457 problem documents; their
 * `detail` is what the analyst sees, so every failure becomes an `ApiError`
 * carrying it.
 */
import { useCallback, useEffect, useState } from 'react';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** The problem's `detail` (or `title`), else the HTTP status line. */
export function problemDetail(status: number, statusText: string, body: unknown): string {
  if (body !== null && typeof body === 'object') {
    const { detail, title } = body as { detail?: unknown; title?: unknown };
    if (typeof detail === 'string' && detail.trim()) return detail;
    if (typeof title === 'string' && title.trim()) return title;
  }
  return `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
}

async function readBody(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) return null;
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** Sends a request and returns the parsed JSON (null for 204), or throws an ApiError. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'The server could not be reached. Is `newsgraph serve` still running?');
  }
  const body = res.status === 204 ? null : await readBody(res);
  if (!res.ok) throw new ApiError(res.status, problemDetail(res.status, res.statusText, body));
  return body as T;
}

export const getJson = <T>(path: string, signal?: AbortSignal) => request<T>(path, signal ? { signal } : {});

export const sendJson = <T>(method: 'POST' | 'DELETE', path: string, body?: unknown) =>
  request<T>(path, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A message for anything thrown: the problem detail when the API sent one. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export type Loadable<T> =
  | { readonly status: 'loading'; readonly data: T | null }
  | { readonly status: 'ok'; readonly data: T }
  | { readonly status: 'error'; readonly data: T | null; readonly error: string };

/**
 * GETs `path` whenever it changes (null: nothing to load) and on `reload()`.
 * The previous data stays while a new page loads, so lists do not flash empty.
 */
export function useApi<T>(path: string | null): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading', data: null });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    getJson<T>(path, controller.signal).then(
      (data) => setState({ status: 'ok', data }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ status: 'error', data: s.data, error: messageOf(err) }));
      },
    );
    return () => controller.abort();
  }, [path, version]);
  return { ...state, reload };
}
