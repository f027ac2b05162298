/**
 * HTTP(S) fetching: the only module of newsgraph that touches the network.
 *
 * Redirects are followed by hand (`redirect: 'manual'`) so that they can be
 * counted and each hop checked for its scheme; one deadline covers every hop
 * and the body; the body is read as a stream and abandoned at the byte cap,
 * so a huge or endless response costs at most `maxBytes`.
 */
import { STATUS_CODES } from 'node:http';
import type { FetchLimits } from './types.js';
import { errorMessage, formatSeconds, formatSize } from './reasons.js';

export interface Fetched {
  readonly ok: true;
  /** The address after redirects. */
  readonly url: string;
  readonly contentType: string | null;
  readonly body: Uint8Array;
  /** When the response arrived: a crawl time, never a publication date. */
  readonly fetchedAt: string;
}

export type FetchResult = Fetched | { readonly ok: false; readonly reason: string };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5';

/** The reason a URL cannot be fetched at all, or null when it is an http(s) URL. */
export function unsupportedUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'invalid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `unsupported scheme ${url.protocol} (only http and https)`;
  return null;
}

interface CausedError {
  readonly name?: string;
  readonly code?: string;
  readonly hostname?: string;
  readonly message?: string;
  readonly cause?: CausedError;
}

/** undici wraps the socket error as `TypeError('fetch failed', { cause })`; name the cause. */
function networkReason(error: unknown, url: URL): string {
  const cause = (error as CausedError | null)?.cause ?? (error as CausedError | null);
  const code = cause?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `DNS lookup failed for ${url.hostname} (${code})`;
    case 'ECONNREFUSED':
      return `connection refused by ${url.host} (ECONNREFUSED)`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection to ${url.host} closed unexpectedly (${code})`;
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connection to ${url.host} timed out (${code})`;
    default:
      // The fetch standard refuses ports of other protocols (1, 25, 6000, …).
      if (cause?.message === 'bad port') return `port ${url.port} is blocked for HTTP by the fetch standard`;
      if (code && /CERT|SSL|TLS/.test(code)) return `TLS error for ${url.host} (${code})`;
      return code ? `${cause?.message ?? 'network error'} (${code})` : errorMessage(cause ?? error);
  }
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Fetch a URL within the limits; never throws. */
export async function fetchUrl(input: string, limits: FetchLimits): Promise<FetchResult> {
  const unsupported = unsupportedUrl(input);
  if (unsupported) return { ok: false, reason: unsupported };

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const timedOut = { ok: false, reason: `timed out after ${formatSeconds(limits.timeoutMs)}` } as const;
  const tooLarge = { ok: false, reason: `too large (> ${formatSize(limits.maxBytes)})` } as const;
  let url = new URL(input);
  try {
    for (let redirects = 0; ; redirects++) {
      let response: Response;
      try {
        response = await fetch(url, {
          redirect: 'manual',
          signal: controller.signal,
          headers: { 'user-agent': limits.userAgent, accept: ACCEPT },
        });
      } catch (error) {
        if (controller.signal.aborted) return timedOut;
        return { ok: false, reason: networkReason(error, url) };
      }

      if (REDIRECT_STATUSES.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) return { ok: false, reason: `HTTP ${response.status} redirect without a Location header` };
        if (redirects >= limits.maxRedirects) return { ok: false, reason: `too many redirects (> ${limits.maxRedirects})` };
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return { ok: false, reason: `redirect to unsupported scheme ${next.protocol}` };
        }
        url = next;
        continue;
      }

      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => undefined);
        const text = response.statusText || STATUS_CODES[response.status] || '';
        return { ok: false, reason: `HTTP ${response.status}${text ? ` ${text}` : ''}` };
      }

      const declaredLength = Number(response.headers.get('content-length'));
      if (Number.isFinite(declaredLength) && declaredLength > limits.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return tooLarge;
      }
      let body: Uint8Array | null;
      try {
        body = response.body ? await readCapped(response.body, limits.maxBytes) : new Uint8Array();
      } catch (error) {
        if (controller.signal.aborted) return timedOut;
        return { ok: false, reason: `reading the response failed: ${networkReason(error, url)}` };
      }
      if (body === null) return tooLarge;
      return {
        ok: true,
        url: url.href,
        contentType: response.headers.get('content-type'),
        body,
        fetchedAt: new Date().toISOString(),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}
