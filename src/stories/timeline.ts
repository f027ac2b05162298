/**
 * A story's timeline: the dated events of its articles, with reports of the
 * same happening merged, ordered by when the happening took place (not by
 * when the articles were published).
 *
 * Two reports are one happening when they have the same event type, the same
 * place (or both none) and dates that agree (one contains the other: a day
 * inside a month, equal days). Each entry counts the distinct outlets that
 * report it: several articles of one outlet count once. Only events dated
 * by their own sentence are placed; one dated by its article's publication
 * says when it was reported, not when it happened.
 */
import type { NewsEvent } from '../core/doc.js';

/** What the timeline reads of an article; `outlet` is whatever names its source (domain, outlet name). */
export interface TimelineSource {
  readonly id: string;
  readonly text: string;
  readonly outlet: string | null;
  readonly events: readonly NewsEvent[];
}

export interface TimelineEntry {
  readonly date: string;
  readonly type: string;
  readonly place: string | null;
  readonly actors: readonly string[];
  readonly targets: readonly string[];
  /** The reports merged here: article id and the evidence sentence. */
  readonly reports: readonly { readonly article: string; readonly outlet: string | null; readonly sentence: string }[];
  /** Distinct outlets among the reports (unknown outlets count once each). */
  readonly outlets: number;
  readonly confidence: number;
}

/** Whether two ISO dates of any grain agree: one is a prefix of the other ("2017-10" and "2017-10-14"). */
export function datesAgree(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Events dated from their own sentence only: an event dated by its article's publication is not placed on the timeline. */
const ownDate = (e: NewsEvent) => e.date !== null && !/date=article/.test(e.source);

export function timeline(docs: readonly TimelineSource[]): TimelineEntry[] {
  const entries: { date: string; type: string; place: string | null; actors: Set<string>; targets: Set<string>; reports: TimelineEntry['reports'][number][]; confidence: number }[] = [];
  for (const doc of docs) {
    for (const e of doc.events) {
      if (!ownDate(e)) continue;
      const report = { article: doc.id, outlet: doc.outlet, sentence: doc.text.slice(e.sentence.start, e.sentence.end) };
      const same = entries.find((x) => x.type === e.type && x.place === e.place && datesAgree(x.date, e.date!));
      if (same) {
        if (!same.reports.some((r) => r.article === doc.id && r.sentence === report.sentence)) same.reports.push(report);
        // The more precise date wins.
        if (e.date!.length > same.date.length) same.date = e.date!;
        for (const a of e.actors) same.actors.add(a);
        for (const t of e.targets) same.targets.add(t);
        same.confidence = Math.max(same.confidence, e.confidence);
      } else {
        entries.push({ date: e.date!, type: e.type, place: e.place, actors: new Set(e.actors), targets: new Set(e.targets), reports: [report], confidence: e.confidence });
      }
    }
  }
  return entries
    .map((x) => {
      const known = new Set(x.reports.map((r) => r.outlet).filter((o): o is string => o !== null));
      const unknown = new Set(x.reports.filter((r) => r.outlet === null).map((r) => r.article));
      return { date: x.date, type: x.type, place: x.place, actors: [...x.actors], targets: [...x.targets], reports: x.reports, outlets: known.size + unknown.size, confidence: x.confidence };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type));
}
