/**
 * Time expressions, resolved against the publication date with their grain.
 * chrono-node proposes; this module decides the grain, applies the news
 * conventions ("Tuesday" in a report is the most recent Tuesday on or before
 * the publication day), adds bare years chrono misses, and drops false
 * friends ("may", "march", "second"). Without a publication date, relative
 * expressions keep `value: null`.
 */
import * as chrono from 'chrono-node';
import type { TimeExpression, TimeGrain } from '../core/doc.js';
import type { Stage } from '../core/stage.js';

const SOURCE = 'chrono-node';
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Words chrono reads as dates that in running news text almost never are. */
const FALSE_FRIENDS = /^(?:may|march|second|now|present|sat|sun|mar|jan|dec|aug|oct|nov|sep|jun|jul|apr|feb|wed|thu|fri|mon|tue|at|eve|noon|midnight|today's|the day)$/i;
const ALWAYS_RELATIVE = /\b(?:today|yesterday|tomorrow|tonight|ago|last|next|this|past|coming|earlier|later|recent)\b/i;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const PERIOD = /^(?:(?:the|this|last|next|past)\s+)(week|month|year)$/i;

interface Reference {
  readonly date: Date; // UTC midnight of the reference day
}

function referenceFrom(publishedAt: string | null): Reference | null {
  if (!publishedAt) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt);
  if (!m) return null;
  return { date: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) };
}

const isoDay = (d: Date) => ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

function componentsValue(c: chrono.ParsedComponents): { value: string; grain: TimeGrain } {
  const y = c.get('year') ?? 0;
  const mo = c.get('month') ?? 1;
  const d = c.get('day') ?? 1;
  if (c.isCertain('hour') && c.isCertain('day')) {
    return { value: `${ymd(y, mo, d)}T${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}`, grain: 'instant' };
  }
  if (c.isCertain('day') || c.isCertain('weekday')) return { value: ymd(y, mo, d), grain: 'day' };
  if (c.isCertain('month')) return { value: `${pad(y, 4)}-${pad(mo)}`, grain: 'month' };
  return { value: pad(y, 4), grain: 'year' };
}

/** A weekday alone means the most recent such day on or before the reference day. */
function weekdayValue(text: string, ref: Reference): string | null {
  const name = text.toLowerCase().replace(/^(?:on|last|this)\s+/, '');
  const wd = WEEKDAYS.findIndex((w) => name.startsWith(w.slice(0, 3)) && w.startsWith(name.replace(/\.$/, '')));
  if (wd < 0) return null;
  const back = (ref.date.getUTCDay() - wd + 7) % 7;
  const extra = /^last\s/i.test(text) && back === 0 ? 7 : 0;
  return isoDay(addDays(ref.date, -(back + extra)));
}

function periodValue(unit: string, which: string, ref: Reference): { value: string; grain: TimeGrain } {
  const d = ref.date;
  const shift = which === 'next' ? 1 : which === 'last' || which === 'past' ? -1 : 0;
  if (unit === 'year') return { value: String(d.getUTCFullYear() + shift), grain: 'year' };
  if (unit === 'month') {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + shift, 1));
    return { value: `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`, grain: 'month' };
  }
  // week: Monday-to-Sunday week, shifted.
  const monday = addDays(d, -((d.getUTCDay() + 6) % 7) + 7 * shift);
  return { value: `${isoDay(monday)}/${isoDay(addDays(monday, 6))}`, grain: 'range' };
}

const BARE_YEAR = /(?<![\d,.$£€])\b(1[89]\d\d|20\d\d)(?:\s*[-–]\s*(1[89]\d\d|20\d\d|\d\d))?\b(?![\d%,.]\d)/g;

export function timeExpressions(text: string, publishedAt: string | null): TimeExpression[] {
  const ref = referenceFrom(publishedAt);
  const out: TimeExpression[] = [];
  const results = chrono.parse(text, ref ? { instant: ref.date, timezone: 0 } : undefined, { forwardDate: false });
  for (const r of results) {
    const surface = r.text.trim().replace(/[,;.]+$/, '');
    // Something must say "date": a digit, a calendar word or a relative-time word.
    if (!/\d|day|week|month|year|ago|tonight|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun/i.test(surface)) continue;
    if (/^in the days?$/i.test(surface)) continue;
    if (FALSE_FRIENDS.test(surface)) continue;
    if (/^\p{Ll}+$/u.test(surface) && !ALWAYS_RELATIVE.test(surface)) continue;
    if (/^\d{1,2}$/.test(surface)) continue;
    const start = r.index + r.text.indexOf(surface);
    const end = start + surface.length;
    // Without a stated year the expression is relative to the publication date;
    // chrono would silently anchor it to today, which is never what a news text means.
    const relative = !r.start.isCertain('year') || !/\d{4}/.test(surface) || ALWAYS_RELATIVE.test(surface) || /\b(?:after|before|later|earlier|within|ago)\b/i.test(surface);
    let value: string | null = null;
    let grain: TimeGrain;
    const period = PERIOD.exec(surface);
    if (period) {
      grain = (period[1] ?? '').toLowerCase() === 'week' ? 'range' : ((period[1] ?? '').toLowerCase() as TimeGrain);
      if (ref) ({ value, grain } = periodValue((period[1] ?? '').toLowerCase(), surface.split(/\s+/)[0]?.toLowerCase() ?? '', ref));
    } else if (r.end) {
      const a = componentsValue(r.start);
      const b = componentsValue(r.end);
      grain = 'range';
      if (!relative || ref) value = `${a.value}/${b.value}`;
    } else {
      const v = componentsValue(r.start);
      grain = v.grain;
      if (!relative || ref) {
        value = v.value;
        if (ref && r.start.isCertain('weekday') && !r.start.isCertain('day')) value = weekdayValue(surface, ref) ?? value;
      }
    }
    const confidence = relative ? (ref ? 0.75 : 0.5) : r.start.isCertain('day') ? 0.95 : 0.85;
    out.push({ start, end, text: text.slice(start, end), value, grain, source: SOURCE, confidence });
  }
  // Bare years and year ranges ("in 2014", "2014-2015"), which chrono leaves out.
  for (const m of text.matchAll(BARE_YEAR)) {
    const start = m.index;
    const end = start + m[0].length;
    if (out.some((t) => start < t.end && end > t.start)) continue;
    const y1 = m[1] ?? '';
    let y2 = m[2];
    if (y2 && y2.length === 2) y2 = y1.slice(0, 2) + y2;
    const isRange = y2 !== undefined && Number(y2) > Number(y1);
    if (m[2] && !isRange) continue;
    out.push({
      start,
      end,
      text: text.slice(start, end),
      value: isRange ? `${y1}/${y2}` : y1,
      grain: isRange ? 'range' : 'year',
      source: 'year-pattern',
      confidence: 0.7,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

export const datesStage: Stage = {
  name: 'dates',
  requires: ['text', 'meta'],
  assigns: ['dates'],
  run: (doc) => ({ ...doc, dates: timeExpressions(doc.text, doc.meta.publishedAt) }),
};
