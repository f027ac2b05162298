/**
 * Within-article entity resolution: mentions that name the same real-world
 * entity become one `Entity` with its aliases. Links, in order of trust:
 *   1. the alias table (data/aliases.json): "ISIS", "Daesh" and "the Islamic
 *      State group" are all "Islamic State";
 *   2. the same name: equal text once titles and a leading "the" are dropped
 *      ("President Assad" = "Assad"), whatever type each mention got, or
 *      for one type equal under a transliteration key ("Raqqah" = "Raqqa",
 *      "Deir el-Zour" = "Deir al-Zour");
 *   3. an acronym defined in parentheses ("Syrian Democratic Forces (SDF)")
 *      or equal to a name's initials ("SOHR");
 *   4. a person's short form: the last word(s) of a full name seen in the
 *      article, Arabic articles dropped ("Abadi" -> "Haider al-Abadi"); when
 *      two full names end alike, the nearest one before the short form wins.
 *   5. a descriptive short form: "the Observatory" after "the Syrian
 *      Observatory for Human Rights" joins the one earlier multi-word
 *      organisation whose head noun it is (a mention is added where the
 *      recognizer made none);
 *   6. the known-actor table (actors.ts): entities that name the same actor
 *      are one entity.
 * The entity is named by its canonical (alias table, else actor table) or
 * longest ordinary-case form, typed by the alias table or else by the
 * majority of its mentions. Its id is the slug of the alias table's or the
 * actor table's canonical name, which is the same in every article, else the
 * slug of its name; unique within the article.
 */
import type { Entity, EntityType, Mention } from '../core/doc.js';
import { use, type Stage } from '../core/stage.js';
import aliasData from './data/aliases.json' with { type: 'json' };
import heads from './data/heads.json' with { type: 'json' };
import cues from '../nlp/data/cues.json' with { type: 'json' };
import { actorForNames, type ActorIndex } from './actors.js';
import { headNoun, slug, translitKey } from './names.js';

export { slug, translitKey } from './names.js';

interface Canon {
  readonly name: string;
  readonly type: EntityType;
}

const ALIAS = new Map<string, Canon>();
for (const e of aliasData.entities) {
  const canon: Canon = { name: e.name, type: e.type as EntityType };
  for (const form of [e.name, ...e.aliases]) ALIAS.set(form, canon);
}

const TITLES = new Set(cues.personTitles);
const ARTICLE = /^(?:al|el|ad|as|ash|az|ar|an|at|ez|ed)[-\s]/i;
const PREPOSITIONS: ReadonlySet<string> = new Set(heads.prepositions);

/** "Prime Minister Haider al-Abadi" -> "Haider al-Abadi"; "the Pentagon" -> "Pentagon". A name that is only titles stays as it is. */
export function bareName(text: string): string {
  const words = text.replace(/^the\s+/i, '').split(/\s+/);
  let k = 0;
  while (k < words.length - 1 && (TITLES.has(words[k] as string) || TITLES.has((words[k] as string).replace(/\.$/, '')))) k++;
  return words.slice(k).join(' ');
}

function canonOf(text: string): Canon | undefined {
  const bare = bareName(text);
  const ordinaryCase = /^\p{Lu}{4,}$/u.test(bare) ? bare[0] + bare.slice(1).toLowerCase() : bare;
  return ALIAS.get(text) ?? ALIAS.get(bare) ?? ALIAS.get(ordinaryCase);
}

const initials = (name: string) =>
  name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');

/** A person's name words with Arabic articles dropped: "Haider al-Abadi" -> ["Haider", "Abadi"]. */
const personWords = (name: string) =>
  bareName(name)
    .split(/\s+/)
    .filter((w) => !/^(?:al|el)$/i.test(w))
    .map((w) => w.replace(ARTICLE, ''))
    .filter((w) => w.length > 0);

class Groups {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  /** A new member in a group of its own; returns its index. */
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  /** Root -> member indices, in index order. */
  members(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    this.parent.forEach((_, i) => {
      const root = this.find(i);
      const list = out.get(root);
      if (list) list.push(i);
      else out.set(root, [i]);
    });
    return out;
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[i] !== root) {
      const next = this.parent[i] as number;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const isShouted = (text: string) => text === text.toUpperCase() && /\p{Lu}{2}/u.test(text);

/** The longest ordinary-case form of an entity's mentions (not an acronym, not a shouted dateline). */
function nameFor(ms: readonly Mention[]): string {
  const best = ms.reduce((a, b) => {
    if (isShouted(a.text) !== isShouted(b.text)) return isShouted(a.text) ? b : a;
    return bareName(b.text).length > bareName(a.text).length ? b : a;
  });
  return bareName(best.text);
}

/** The table's type, else the type most mentions carry (ties: the larger summed confidence). */
function typeFor(ms: readonly Mention[], known: Canon | undefined): EntityType {
  if (known) return known.type;
  const votes = new Map<EntityType, { n: number; confidence: number }>();
  for (const m of ms) {
    const v = votes.get(m.type) ?? { n: 0, confidence: 0 };
    votes.set(m.type, { n: v.n + 1, confidence: v.confidence + m.confidence });
  }
  return [...votes.entries()].sort((a, b) => b[1].n - a[1].n || b[1].confidence - a[1].confidence)[0]?.[0] as EntityType;
}

/** The entities of an article, and its mentions with those that descriptive short forms added. */
export interface Resolved {
  readonly mentions: readonly Mention[];
  readonly entities: readonly Entity[];
}

/** The entities an article's mentions name (see the module comment for the rules). */
export function resolveMentions(text: string, mentions: readonly Mention[], actors: ActorIndex): Entity[] {
  return [...resolveArticle(text, mentions, actors).entities];
}

/**
 * The entities of an article, with the mentions that descriptive short forms
 * added (sorted by position; the input array itself when none were added).
 * `actors`: the known-actor table.
 */
export function resolveArticle(text: string, mentions: readonly Mention[], actors: ActorIndex): Resolved {
  const groups = new Groups(mentions.length);
  const canon = mentions.map((m) => canonOf(m.text));

  // A person's short form ("Brown") is linked by rule 4 to the nearest full
  // name, not by its spelling to every other "Brown" of the article.
  const persons = mentions.map((m, i) => ({ m, i, words: personWords(m.text) })).filter(({ m }) => m.type === 'PERSON');
  const fullNamesOf = (short: (typeof persons)[number]) =>
    persons.filter((full) => {
      if (full.words.length <= short.words.length) return false;
      const tail = full.words.slice(full.words.length - short.words.length);
      return short.words.every((w, k) => tail[k] === w);
    });
  const shortForms = new Map(persons.map((p) => [p.i, fullNamesOf(p)] as const).filter(([, fulls]) => fulls.length > 0));

  // 1-2. Alias table, same bare name, same transliteration key.
  const byKey = new Map<string, number>();
  mentions.forEach((m, i) => {
    if (shortForms.has(i)) return;
    const c = canon[i];
    // The same spelling is the same entity whatever type a mention got; a looser transliteration match needs the same type.
    const keys = c ? [`canon:${c.name}`] : [`name:${bareName(m.text)}`, `translit:${m.type}:${translitKey(bareName(m.text))}`];
    for (const key of keys) {
      const seen = byKey.get(key);
      if (seen === undefined) byKey.set(key, i);
      else groups.union(seen, i);
    }
  });

  // 3. Acronyms: defined in parentheses right after a name, or equal to a name's initials.
  mentions.forEach((acronym, ai) => {
    if (!/^\p{Lu}[\p{Lu}\d]{1,7}$/u.test(acronym.text) || canon[ai]) return;
    mentions.forEach((m, j) => {
      if (j === ai) return;
      const inParentheses = m.end <= acronym.start && /^\s*\(\s*$/.test(text.slice(m.end, acronym.start)) && /^\s*\)/.test(text.slice(acronym.end));
      const byInitials = m.type !== 'PERSON' && /\s/.test(m.text) && initials(bareName(m.text)) === acronym.text;
      if (inParentheses || byInitials) groups.union(j, ai);
    });
  });

  // 4. A person's short form joins the nearest full name before it (else the first after it).
  for (const [i, fulls] of shortForms) {
    const short = mentions[i] as Mention;
    const before = fulls.filter((f) => f.m.start < short.start);
    const best = before.length > 0 ? before[before.length - 1] : fulls[0];
    if (best) groups.union(best.i, i);
  }

  // 5. "the Observatory" joins the one earlier organisation with that head noun.
  const all = [...mentions];
  const allCanon = [...canon];
  for (const ref of descriptiveReferences(text, all, allCanon, groups)) {
    let i = ref.mention;
    if (i === null) {
      i = groups.add();
      all.push(ref.added as Mention);
      allCanon.push(undefined);
    }
    groups.union(ref.owner, i);
  }

  // 6. Entities that name the same known actor are one entity.
  const describe = (indices: readonly number[]) => {
    const ms = indices.map((i) => all[i] as Mention);
    const known = indices.map((i) => allCanon[i]).find((c) => c !== undefined);
    const type = typeFor(ms, known);
    const names = [...(known ? [known.name] : []), ...ms.map((m) => bareName(m.text))];
    return { ms, known, type, actor: actorForNames(actors, names, type) };
  };
  const byActor = new Map<string, number>();
  for (const [root, indices] of groups.members()) {
    const { actor } = describe(indices);
    if (!actor) continue;
    const seen = byActor.get(actor.id);
    if (seen === undefined) byActor.set(actor.id, root);
    else groups.union(seen, root);
  }

  const entities: Entity[] = [];
  const usedIds = new Set<string>();
  for (const indices of groups.members().values()) {
    const { ms: unsorted, known, type, actor } = describe(indices);
    const ms = [...unsorted].sort((a, b) => a.start - b.start);
    const name = known ? known.name : actor ? actor.name : nameFor(ms);
    const base = (known ? slug(known.name) : actor ? actor.id : slug(name)) || 'entity';
    let id = usedIds.has(base) ? `${base}-${type.toLowerCase()}` : base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    entities.push({
      id,
      name,
      type,
      aliases: [...new Set(ms.map((m) => m.text))],
      mentions: ms.map((m) => ({ start: m.start, end: m.end, text: m.text })),
      roles: type === 'PERSON' ? [...new Set(ms.map((m) => roleBefore(text, m, all)).filter((r): r is string => r !== null))] : [],
      source: known ? 'alias-table' : actor ? 'actor-table' : 'resolve-v1',
      confidence: Math.max(...ms.map((m) => m.confidence)),
    });
  }
  return {
    mentions: all.length === mentions.length ? mentions : [...all].sort((a, b) => a.start - b.start || a.end - b.end),
    entities: entities.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0)),
  };
}

/** The source of a mention added for a descriptive short form. */
export const DESCRIPTIVE_SOURCE = 'descriptive-reference';
/** An added mention is trusted a little less than the organisation it refers back to. */
const DESCRIPTIVE_DISCOUNT = 0.9;

interface DescriptiveReference {
  /** A member of the organisation's group. */
  readonly owner: number;
  /** The mention already at the short form, or null when `added` is new. */
  readonly mention: number | null;
  readonly added?: Mention;
}

/**
 * "the Observatory", "The Party": "the" (any case) and one capitalised word,
 * not followed by more of a name, that is the head noun of exactly one
 * multi-word ORG entity first mentioned before it. A mention there must be
 * exactly the word (or "the" and the word); an overlapping longer mention
 * means the word is part of another name.
 */
function descriptiveReferences(text: string, all: readonly Mention[], canon: readonly (Canon | undefined)[], groups: Groups): DescriptiveReference[] {
  const owners = new Map<string, { root: number; first: number; confidence: number }[]>();
  for (const [root, indices] of groups.members()) {
    const ms = indices.map((i) => all[i] as Mention);
    const known = indices.map((i) => canon[i]).find((c) => c !== undefined);
    if (typeFor(ms, known) !== 'ORG') continue;
    const names = [...(known ? [known.name] : []), nameFor(ms), ...ms.map((m) => bareName(m.text))].filter((n) => /\s/.test(n.trim()));
    const nameHeads = new Set(names.map((n) => headNoun(n, PREPOSITIONS)).filter((h) => /^\p{Lu}\p{Ll}/u.test(h)));
    const entry = { root, first: Math.min(...ms.map((m) => m.start)), confidence: Math.max(...ms.map((m) => m.confidence)) };
    for (const head of nameHeads) owners.set(head, [...(owners.get(head) ?? []), entry]);
  }
  if (owners.size === 0) return [];
  const out: DescriptiveReference[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(?:the|The|THE)\s+(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}-])/gu)) {
    const word = m[1] as string;
    const candidates = owners.get(word);
    if (!candidates) continue;
    const theStart = m.index;
    const start = theStart + m[0].length - word.length;
    const end = start + word.length;
    if (/^\s+(?:\p{Lu}|(?:of|for)\s+\p{Lu})/u.test(text.slice(end, end + 40))) continue;
    const overlapping = all.map((x, i) => ({ x, i })).filter(({ x }) => x.start < end && x.end > start);
    if (overlapping.some(({ x }) => x.end !== end || (x.start !== start && x.start !== theStart))) continue;
    const before = candidates.filter((c) => c.first < theStart);
    if (before.length !== 1) continue;
    const owner = before[0] as (typeof before)[number];
    const existing = overlapping[0]?.i ?? null;
    out.push(
      existing !== null
        ? { owner: owner.root, mention: existing }
        : {
            owner: owner.root,
            mention: null,
            added: { start, end, text: word, type: 'ORG', source: DESCRIPTIVE_SOURCE, confidence: owner.confidence * DESCRIPTIVE_DISCOUNT },
          },
    );
  }
  return out;
}

const TITLE_WORDS = new Set([...cues.personTitles, ...cues.lowerTitles, ...cues.lowerTitles.map((t) => t[0]?.toUpperCase() + t.slice(1))]);
const ROLE_CONTEXT_TYPES = new Set<EntityType>(['ORG', 'GPE', 'NORP']);

/**
 * The title run written right before a person's name, e.g. "Iraqi Prime
 * Minister" before "Haider al-Abadi", "Hezbollah Secretary General Sayyed"
 * before "Hassan Nasrallah", "YPG spokesman" before "Nouri Mahmoud". Words
 * count when they are titles, or part of an organisation, place or
 * nationality mention that ends right where the run continues.
 */
export function roleBefore(text: string, person: Mention, mentions: readonly Mention[]): string | null {
  let start = person.start;
  let titles = 0;
  for (let steps = 0; steps < 8; steps++) {
    const before = text.slice(Math.max(0, start - 60), start);
    const m = /(\S+)(\s+)$/u.exec(before);
    if (!m || m[2]?.includes('\n')) break;
    const word = m[1] ?? '';
    const wordStart = start - m[0].length;
    const wordEnd = wordStart + word.length;
    const context = mentions.find((x) => x.end === wordEnd && ROLE_CONTEXT_TYPES.has(x.type) && x !== person);
    if (TITLE_WORDS.has(word) || TITLE_WORDS.has(word.replace(/\.$/, ''))) {
      titles++;
      start = wordStart;
    } else if (context) {
      start = context.start;
    } else break;
  }
  if (titles === 0) return null;
  return text.slice(start, person.start).trim();
}

export const resolveEntitiesStage: Stage = {
  name: 'resolve-entities',
  requires: ['text', 'mentions'],
  // Descriptive short forms add mentions where the recognizer made none.
  assigns: ['mentions', 'entities'],
  uses: ['actors'],
  run(doc, ctx) {
    const { mentions, entities } = resolveArticle(doc.text, doc.mentions, use(ctx, this, 'actors'));
    return { ...doc, mentions, entities };
  },
};
