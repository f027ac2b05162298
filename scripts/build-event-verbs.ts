/**
 * Builds the event trigger table (src/events/data/triggers.json) from the
 * PETRARCH2 CAMEO verb dictionary (../shared/data/petrarch2-cameo-dictionaries/
 * CAMEO.2.0.txt) and the hand-kept list src/events/data/hand-triggers.json.
 *
 * Dictionary format (PETRARCH2 PETRreader.read_verb_dictionary): after the
 * line `####### VERB PATTERNS #######`, a block starts with
 * `---  VERB   [code]  ---`; the lines that follow are the block's verbs
 * (`WORD {FORMS} [code] # comment`, a leading `+` and `_` between words for
 * multi-word verbs), then its patterns (`- * OBJECT  [code]`). A verb takes
 * its own bracketed code, else the block's; `---` is no code. Only the verbs
 * are read: the patterns need a parse tree to apply. Irregular forms in
 * braces ("WITHDREW") feed the lemmatiser.
 *
 * CAMEO codes become event types through src/events/data/cameo-map.json
 * (longest code prefix); hand entries win over CAMEO entries for the same
 * phrase. Deterministic: entries sorted by phrase.
 * Run: node --import tsx scripts/build-event-verbs.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import cameoMap from '../src/events/data/cameo-map.json' with { type: 'json' };
import hand from '../src/events/data/hand-triggers.json' with { type: 'json' };
import type { TriggerEntry, TriggerTable } from '../src/events/triggers.js';

const DICTIONARY = fileURLToPath(new URL('../../shared/data/petrarch2-cameo-dictionaries/CAMEO.2.0.txt', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../src/events/data/triggers.json', import.meta.url));

export interface CameoVerb {
  /** Lower-case words of the verb ("pull out"). */
  readonly phrase: string;
  /** The verb's CAMEO code (source side of `src:target` codes), or null for `---`. */
  readonly code: string | null;
  /** Inflected forms given in braces, mapped to the base form of the same word. */
  readonly forms: Readonly<Record<string, string>>;
  /** The verb names its block, or carries its own code: chosen by a coder, not a WordNet synonym. */
  readonly curated: boolean;
}

const words = (s: string) => s.replace(/^\+/, '').replace(/_+$/, '').toLowerCase().split(/_+/).filter(Boolean);

/** The code of a bracket such as `[190]`, `[041:041]`, `[:110]` or `[---]`. */
function codeOf(bracket: string | undefined): string | null {
  if (!bracket) return null;
  const m = /^(\d+)/.exec(bracket.trim());
  return m ? m[1]! : null;
}

/** The verbs of the dictionary's VERB PATTERNS section, with their codes. */
export function parseCameoVerbs(text: string): CameoVerb[] {
  const verbs: CameoVerb[] = [];
  let inPatterns = false;
  let blockCode: string | null = null;
  let blockName = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (/^#{3,}\s*VERB PATTERNS/.test(raw.trim())) {
      inPatterns = true;
      continue;
    }
    if (!inPatterns || line === '') continue;
    const header = /^---\s+(\S+)\s+\[([^\]]*)\]/.exec(line);
    if (header) {
      blockCode = codeOf(header[2]);
      blockName = words(header[1]!).join(' ');
      continue;
    }
    if (line.startsWith('-') || line.startsWith('&')) continue;
    const m = /^(\+?[A-Z][A-Z'_-]*)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!m) continue;
    const base = words(m[1]!);
    if (base.length === 0) continue;
    const forms: Record<string, string> = {};
    for (const form of (m[2] ?? '').split(/\s+/).filter(Boolean)) {
      const fw = words(form);
      fw.forEach((w, i) => {
        const b = base[i];
        if (b && w !== b) forms[w] = b;
      });
    }
    const own = m[3] === undefined ? undefined : codeOf(m[3]);
    const phrase = base.join(' ');
    verbs.push({ phrase, code: own === undefined ? blockCode : own ?? null, forms, curated: own !== undefined || phrase === blockName });
  }
  return verbs;
}

interface CodeRule {
  readonly prefix: string;
  readonly type: string;
  readonly strength: number;
  readonly generic?: boolean;
  readonly synonyms?: boolean;
}

/** The rule of the longest code prefix that matches, if any. */
export function ruleFor(code: string, rules: readonly CodeRule[]): CodeRule | null {
  let best: CodeRule | null = null;
  for (const r of rules) if (code.startsWith(r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
  return best;
}

/** Hand entries, then CAMEO verbs whose codes map to a type; irregular forms from both. */
export function buildTriggers(verbs: readonly CameoVerb[]): TriggerTable {
  const forms: Record<string, string> = {};
  for (const v of verbs) for (const [f, b] of Object.entries(v.forms)) forms[f] ??= b;
  // Hand-kept forms win over the dictionary's.
  Object.assign(forms, hand.forms);
  // Phrases are written as lemmas in both sources; only spacing and case are normalised.
  const lemmaPhrase = (p: string) => p.toLowerCase().trim().split(/\s+/).join(' ');
  const byPhrase = new Map<string, TriggerEntry>();
  for (const e of hand.entries as { phrase: string; type: string; strength: number; generic?: boolean; aerial?: boolean; swap?: boolean }[]) {
    const phrase = lemmaPhrase(e.phrase);
    if (byPhrase.has(phrase)) continue;
    byPhrase.set(phrase, { phrase, type: e.type, strength: e.strength, ...(e.generic ? { generic: true } : {}), ...(e.aerial ? { aerial: true } : {}), ...(e.swap ? { swap: true } : {}), source: 'hand' });
  }
  const exclude = new Set(cameoMap.exclude);
  for (const v of verbs) {
    // "+KILLED_AND", "+SHOT_AND": pieces of coordinated verbs, not verbs.
    if (!v.code || exclude.has(v.phrase) || /\s(?:and|or)$/.test(v.phrase)) continue;
    const rule = ruleFor(v.code, cameoMap.codes);
    if (!rule || (rule.synonyms === false && !v.curated)) continue;
    const phrase = lemmaPhrase(v.phrase);
    if (byPhrase.has(phrase)) continue;
    byPhrase.set(phrase, { phrase, type: rule.type, strength: rule.strength, ...(rule.generic ? { generic: true } : {}), source: `cameo:${v.code}` });
  }
  const entries = [...byPhrase.values()].sort((a, b) => a.phrase.localeCompare(b.phrase));
  const sortedForms = Object.fromEntries(Object.entries(forms).sort(([a], [b]) => a.localeCompare(b)));
  return {
    _why: 'Generated by scripts/build-event-verbs.ts from CAMEO.2.0.txt (PETRARCH2, MIT) via data/cameo-map.json and data/hand-triggers.json; do not edit by hand. Phrases are lemmas; forms map irregular inflections to lemmas.',
    entries,
    forms: sortedForms,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const table = buildTriggers(parseCameoVerbs(readFileSync(DICTIONARY, 'utf8')));
  writeFileSync(OUTPUT, JSON.stringify(table, null, 1) + '\n');
  const counts = new Map<string, number>();
  for (const e of table.entries) counts.set(`${e.type} (${e.source === 'hand' ? 'hand' : 'cameo'})`, (counts.get(`${e.type} (${e.source === 'hand' ? 'hand' : 'cameo'})`) ?? 0) + 1);
  console.log(`${table.entries.length} triggers, ${Object.keys(table.forms).length} irregular forms -> ${OUTPUT}`);
  for (const [k, n] of [...counts].sort()) console.log(`  ${k}: ${n}`);
}
