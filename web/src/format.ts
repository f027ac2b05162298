/** Small pure helpers for showing values: dates, counts, links, chart geometry. */

/** "2017-10-17" from an ISO date or timestamp; the value itself when it is not one. */
export const dayOf = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso);

/** "2017-10-14 – 2017-10-20", one day when both ends agree, "undated" when none. */
export function dateSpan(start: string | null, end: string | null): string {
  if (!start && !end) return 'undated';
  const a = start ? dayOf(start) : '…';
  const b = end ? dayOf(end) : '…';
  return a === b ? a : `${a} – ${b}`;
}

/** "1 article", "3 articles". */
export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A share 0..1 as "42%", or "–" when unknown. */
export const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** The article's own address, only when it is a web URL (never javascript:, data:, …). */
export function safeWebUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** "a: 2, b: 1", most frequent first. */
export function countsText(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([word, n]) => `${word}: ${n}`)
    .join(', ');
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.floor(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS);

const MAX_BAR_WIDTH = 6;

/** One day's bar of a sparkline, in the SVG's pixel box. */
export interface SparkBar {
  readonly day: string;
  readonly count: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Bars for a sparkline of articles per day: one slot per day of the story's
 * span (days without articles stay empty, not skipped), heights scaled to the
 * busiest day. Empty when no day parses.
 */
export function sparklineBars(activity: readonly { day: string; count: number }[], width: number, height: number): SparkBar[] {
  const byDay = new Map<number, { day: string; count: number }>();
  for (const a of activity) {
    const n = dayNumber(a.day);
    if (!Number.isFinite(n)) continue;
    const prev = byDay.get(n);
    byDay.set(n, { day: a.day.slice(0, 10), count: (prev?.count ?? 0) + a.count });
  }
  if (byDay.size === 0) return [];
  const days = [...byDay.keys()];
  const first = Math.min(...days);
  const slots = Math.max(...days) - first + 1;
  const top = Math.max(...[...byDay.values()].map((d) => d.count), 1);
  const slot = width / slots;
  // Thin bars with a gap when there is room; a lone day is a bar, not a block.
  const barWidth = Math.min(MAX_BAR_WIDTH, Math.max(1, slot > 3 ? slot - 1 : slot));
  return [...byDay]
    .sort(([a], [b]) => a - b)
    .map(([n, d]) => {
      const barHeight = Math.max(1, (d.count / top) * height);
      return { day: d.day, count: d.count, x: (n - first) * slot, y: height - barHeight, width: barWidth, height: barHeight };
    });
}

/** Map marker radius in pixels: area grows with mentions, kept between 4 and 20. */
export const markerRadius = (mentions: number) => Math.min(20, Math.max(4, 3 * Math.sqrt(Math.max(mentions, 0))));

/** How the server should read an uploaded file, from its name. */
export function fileKind(name: string): 'html' | 'feed' | 'text' {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'xml' || ext === 'rss' || ext === 'atom') return 'feed';
  return 'text';
}
