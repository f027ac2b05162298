/** Types and defaults shared by the ingest readers. */
import type { RawInput } from '../core/doc.js';

/** One result of reading inputs: an article, or an input that could not be read and why. */
export type IngestItem =
  | { readonly ok: true; readonly raw: RawInput }
  | { readonly ok: false; readonly input: string; readonly reason: string };

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export interface IngestOptions {
  /** Limit for a file that holds one article (text or HTML). Datasets and feeds are streamed: no limit. */
  maxArticleBytes?: number;
  fetch?: FetchOptions;
  /** For feed URLs: fetch an item's page when the item carries only a summary. */
  followFeedLinks?: boolean;
}

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
}

export interface ResolvedOptions {
  readonly maxArticleBytes: number;
  readonly fetch: FetchLimits;
  readonly followFeedLinks: boolean;
}

const MIB = 1024 * 1024;

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 20 * MIB,
  maxRedirects: 5,
  userAgent: 'newsgraph/0.1 (+https://github.com/newsgraph/newsgraph)',
};

export const DEFAULT_MAX_ARTICLE_BYTES = 10 * MIB;

export function resolveOptions(options: IngestOptions = {}): ResolvedOptions {
  return {
    maxArticleBytes: options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES,
    followFeedLinks: options.followFeedLinks ?? true,
    fetch: {
      timeoutMs: options.fetch?.timeoutMs ?? DEFAULT_FETCH_LIMITS.timeoutMs,
      maxBytes: options.fetch?.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes,
      maxRedirects: options.fetch?.maxRedirects ?? DEFAULT_FETCH_LIMITS.maxRedirects,
      userAgent: options.fetch?.userAgent ?? DEFAULT_FETCH_LIMITS.userAgent,
    },
  };
}

export function accepted(raw: RawInput): IngestItem {
  return { ok: true, raw };
}

export function rejected(input: string, reason: string): IngestItem {
  return { ok: false, input, reason };
}
