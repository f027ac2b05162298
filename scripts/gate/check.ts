/**
 * The quality gate's verdict: every figure against its floor (floors.json).
 * A figure under its floor fails the gate; so does a figure without a floor
 * (a new figure must be given one) and a floor nobody measured (a measure
 * that silently stopped reporting must not pass). A measure whose data is
 * missing on this machine is skipped, unless the caller requires the data
 * (CI does: NEWSGRAPH_REQUIRE_GATE_DATA=1), and then it fails.
 */
import { readFileSync } from 'node:fs';

export const FLOORS_URL = new URL('./floors.json', import.meta.url);

export interface FloorsFile {
  readonly comment: string;
  readonly floors: Readonly<Record<string, number>>;
}

export function readFloors(url: URL = FLOORS_URL): FloorsFile {
  return JSON.parse(readFileSync(url, 'utf8')) as FloorsFile;
}

export type Status = 'pass' | 'below floor' | 'no floor' | 'not measured' | 'skipped' | 'no data';

export interface Verdict {
  readonly figure: string;
  readonly value: number | null;
  readonly floor: number | null;
  readonly status: Status;
  /** Why it was skipped or has no data. */
  readonly note?: string;
}

const FAILING: ReadonlySet<Status> = new Set(['below floor', 'no floor', 'not measured', 'no data']);

export interface GateResult {
  readonly verdicts: readonly Verdict[];
  readonly pass: boolean;
}

/**
 * Verdicts for the `measured` figures against `floors`; `unavailable` names
 * figures that could not be measured here and why (missing data), which
 * fail only when `requireData` is set.
 */
export function checkFloors(
  measured: Readonly<Record<string, number>>,
  floors: Readonly<Record<string, number>>,
  unavailable: ReadonlyMap<string, string> = new Map(),
  requireData = false,
): GateResult {
  const verdicts: Verdict[] = [];
  for (const [figure, floor] of Object.entries(floors)) {
    const value = measured[figure];
    const note = unavailable.get(figure);
    if (value !== undefined) verdicts.push({ figure, value, floor, status: value >= floor ? 'pass' : 'below floor' });
    else if (note !== undefined) verdicts.push({ figure, value: null, floor, status: requireData ? 'no data' : 'skipped', note });
    else verdicts.push({ figure, value: null, floor, status: 'not measured' });
  }
  for (const [figure, value] of Object.entries(measured)) {
    if (!(figure in floors)) verdicts.push({ figure, value, floor: null, status: 'no floor' });
  }
  return { verdicts, pass: verdicts.every((v) => !FAILING.has(v.status)) };
}

/** The verdicts as a markdown table, failures marked. */
export function formatVerdicts(result: GateResult): string {
  const num = (x: number | null) => (x === null ? '-' : x.toFixed(2));
  const rows = ['| figure | value | floor | margin | status |', '|---|---:|---:|---:|---|'];
  for (const v of result.verdicts) {
    const margin = v.value !== null && v.floor !== null ? (v.value - v.floor).toFixed(2) : '-';
    const status = FAILING.has(v.status) ? `**FAIL: ${v.status}**` : v.status;
    rows.push(`| ${v.figure} | ${num(v.value)} | ${num(v.floor)} | ${margin} | ${status}${v.note ? ` (${v.note})` : ''} |`);
  }
  return rows.join('\n');
}
