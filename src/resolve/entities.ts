/**
 * Within-article entity resolution: mentions that name the same real-world
 * entity become one `Entity` with its aliases. Links, in order of trust:
 * the alias table (data), an acronym defined in parentheses or matching a
 * name's initials, a person's short form ("Abadi" -> "Haider al-Abadi"), and
 * a transliteration-insensitive key ("Raqqah" = "Raqqa").
 */
import type { Entity, EntityType, Mention } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import aliasData from './data/aliases.json' with { type: 'json' };

interface Canon {
  readonly name: string;
  readonly type: EntityType;
}

const ALIAS = new Map<string, Canon>();
for (const e of aliasData.entities) {
  const canon: Canon = { name: e.name, type: e.type as EntityType };
  for (const form of [e.name, ...e.aliases]) ALIAS.set(form, canon);
}

const ARTICLE = /^(?:al|el|ad|as|ash|az|ar|an|at|ez|ed)[-\s]/i;

/** A key that survives common Arabic transliteration variation. */
export function translitKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .split(/[\s-]+/)
    .filter((w) => !ARTICLE.test(w + '-'))
    .join('')
    .replace(/['’`]/g, '')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/(.)\1/g, '$1')
    .replace(/ah$/, 'a')
    .replace(/h$/, '');
}

export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function canonOf(text: string): Canon | undefined {
  const shouted = /^\p{Lu}{4,}$/u.test(text) ? text[0] + text.slice(1).toLowerCase() : text;
  return ALIAS.get(text) ?? ALIAS.get(text.replace(/^the\s+/i, '')) ?? ALIAS.get(shouted);
}

const initials = (name: string) =>
  name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');

const nameWords = (name: string) => name.split(/\s+/).map((w) => w.replace(ARTICLE, ''));

class Groups {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i] as number] as number;
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

export function resolveMentions(text: string, mentions: readonly Mention[]): Entity[] {
  const groups = new Groups(mentions.length);
  const byKey = new Map<string, number>();
  const canon = mentions.map((m) => canonOf(m.text));
  mentions.forEach((m, i) => {
    // Same canonical name, or the same transliteration key and compatible type.
    const key = canon[i] ? `canon:${canon[i]?.name}` : `${m.type === 'PERSON' ? 'P' : 'X'}:${translitKey(m.text)}`;
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, i);
    else groups.union(seen, i);
  });
  const acronyms = mentions.map((m, i) => ({ m, i })).filter(({ m }) => /^\p{Lu}{2,6}$/u.test(m.text) && !canon[mentions.indexOf(m)]);
  for (const { m: acr, i: ai } of acronyms) {
    // "Syrian Democratic Forces (SDF)": the acronym right after a name, in parentheses.
    for (let j = 0; j < mentions.length; j++) {
      const m = mentions[j] as Mention;
      if (m.end <= acr.start && /^\s*\(\s*$/.test(text.slice(m.end, acr.start)) && text[acr.end] === ')') groups.union(j, ai);
      else if (j !== ai && m.type === 'ORG' && m.text.includes(' ') && initials(m.text) === acr.text) groups.union(j, ai);
    }
  }
  // A person's short form joins the full name whose last words it repeats.
  const persons = mentions.map((m, i) => ({ m, i })).filter(({ m }) => m.type === 'PERSON');
  for (const short of persons) {
    const sw = nameWords(short.m.text);
    let best = -1;
    for (const full of persons) {
      const fw = nameWords(full.m.text);
      if (fw.length <= sw.length) continue;
      if (sw.every((w, k) => fw[fw.length - sw.length + k] === w)) best = full.i;
    }
    if (best >= 0) groups.union(best, short.i);
  }
  const members = new Map<number, number[]>();
  mentions.forEach((_, i) => {
    const root = groups.find(i);
    members.set(root, [...(members.get(root) ?? []), i]);
  });
  const entities: Entity[] = [];
  const usedIds = new Set<string>();
  for (const idx of members.values()) {
    const ms = idx.map((i) => mentions[i] as Mention);
    const known = idx.map((i) => canon[i]).find((c) => c !== undefined);
    const votes = new Map<EntityType, number>();
    for (const m of ms) votes.set(m.type, (votes.get(m.type) ?? 0) + m.confidence);
    const type = known?.type ?? ([...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as EntityType);
    // The name is the longest form, preferring ordinary case over a shouted dateline ("BASRA") or an acronym.
    const shouted = (m: Mention) => m.text === m.text.toUpperCase();
    const longest = ms.reduce((a, b) => {
      if (shouted(a) !== shouted(b)) return shouted(a) ? b : a;
      return b.text.length > a.text.length ? b : a;
    });
    const name = known?.name ?? longest.text.replace(/^the\s+/i, '');
    let id = slug(name) || 'entity';
    if (usedIds.has(id)) id = `${id}-${type.toLowerCase()}`;
    for (let n = 2; usedIds.has(id); n++) id = `${slug(name)}-${n}`;
    usedIds.add(id);
    entities.push({
      id,
      name,
      type,
      aliases: [...new Set(ms.map((m) => m.text))],
      mentions: ms.map((m) => ({ start: m.start, end: m.end, text: m.text })),
      source: known ? 'alias-table' : 'resolve-v1',
      confidence: Math.max(...ms.map((m) => m.confidence)),
    });
  }
  return entities.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}

export const resolveEntitiesStage: Stage = {
  name: 'resolve-entities',
  requires: ['mentions'],
  assigns: ['entities'],
  run: (doc) => ({ ...doc, entities: resolveMentions(doc.text, doc.mentions) }),
};
