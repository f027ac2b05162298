/**
 * The known-actor table (data/actors.json, built by scripts/build-actors.ts
 * from the PETRARCH2/Phoenix CAMEO actor dictionaries): people, groups,
 * international organisations and countries with their other names and their
 * latest CAMEO actor code (IRQGOV, SYRREB, IGOUNO ...).
 *
 * An entity whose name is one of an actor's names takes the actor's id, the
 * slug of its canonical name, so that the same actor has the same id in every
 * article whatever else was ingested and in whatever order. The maintained
 * alias table (data/aliases.json) wins: an actor that one of its forms names
 * is renamed to the alias table's canonical name, so both tables give one id.
 *
 * Lookups never guess: a name that names several actors of one class is left
 * out, an upper-case acronym only matches a name written in capitals, and a
 * person's single word ("Abadi") only matches when exactly one person actor
 * has that surname and the dictionary itself names that person by the word
 * alone.
 */
import type { EntityType } from '../core/doc.js';
import { isAcronymForm, matchKey, slug, surnameOf, translitKey } from './names.js';
import { KIND_OF_LETTER, type ActorKind, type ActorRow } from './actor-format.js';

export type { ActorKind, ActorRow } from './actor-format.js';

export interface Actor {
  /** slug(name): the entity id every article gives this actor. */
  readonly id: string;
  readonly name: string;
  readonly kind: ActorKind;
  /** The CAMEO actor code in force last (open-ended, else the default, else the latest dated one). */
  readonly code: string | null;
  /** The dictionary's other names, converted to ordinary case, and the alias table's forms when it renamed the actor. */
  readonly aliases: readonly string[];
  /** The name the dictionary gives (the alias table may have renamed the actor). */
  readonly tableName: string;
  /** One of the alias table's forms names this actor: `name` and `id` are the alias table's. */
  readonly inAliasTable: boolean;
}


/** Which entity types may take an actor of each kind: names are only compared within one class. */
type ActorClass = 'person' | 'org' | 'place';
const CLASS_OF_KIND: Record<ActorKind, ActorClass> = { person: 'person', group: 'org', igo: 'org', country: 'place' };
const CLASS_OF_TYPE: Partial<Record<EntityType, ActorClass>> = { PERSON: 'person', ORG: 'org', NORP: 'org', GPE: 'place' };

export interface AliasEntry {
  readonly name: string;
  readonly type: string;
  readonly aliases: readonly string[];
}

/** A name key -> its actor, or null where the key names several actors of the class. */
type KeyMap = Map<string, Actor | null>;

export interface ActorIndex {
  readonly actors: readonly Actor[];
  /** Keys of canonical names (first) and of aliases (second); acronym keys start with 'A:'. */
  readonly exact: readonly [KeyMap, KeyMap];
  readonly translit: readonly [KeyMap, KeyMap];
  /** Person surname (matchKey) -> the one person actor known by it alone, or null. */
  readonly surnames: KeyMap;
  readonly byId: ReadonlyMap<string, readonly Actor[]>;
  /** Actors that two alias-table entries both claim; they keep their own names. */
  readonly conflicts: readonly string[];
  /** Alias-table canonical name -> the dictionary names of the actors it renamed. */
  readonly linked: ReadonlyMap<string, readonly string[]>;
}

/** Two actors the alias table renamed to one name are one actor; two of the dictionary's own are not, whatever their names. */
const sameActor = (a: Actor, b: Actor) => a === b || (a.id === b.id && a.inAliasTable && b.inAliasTable);

const put = (map: KeyMap, key: string, actor: Actor) => {
  const seen = map.get(key);
  if (seen === undefined) map.set(key, actor);
  else if (seen !== null && !sameActor(seen, actor)) map.set(key, null);
};

const keyOf = (cls: ActorClass, form: string) => `${cls}\u0000${isAcronymForm(form) ? 'A:' : ''}${matchKey(form)}`;
const isSingleWord = (form: string) => !/\s/.test(form.trim());

/** A person's single-word names are surnames, looked up only by the surname rule. */
function lookupForms(actor: Actor): { canonical: string[]; aliases: string[] } {
  const keep = (f: string) => actor.kind !== 'person' || !isSingleWord(f);
  return { canonical: [actor.tableName].filter(keep), aliases: actor.aliases.filter(keep) };
}

function indexForms(actors: readonly Actor[]): Pick<ActorIndex, 'exact' | 'translit' | 'surnames'> {
  const translitCache = new Map<string, string>();
  const translitOf = (cls: ActorClass, form: string) => {
    let key = translitCache.get(form);
    if (key === undefined) translitCache.set(form, (key = translitKey(form)));
    return `${cls}\u0000${key}`;
  };
  const exact: [KeyMap, KeyMap] = [new Map(), new Map()];
  const translit: [KeyMap, KeyMap] = [new Map(), new Map()];
  const surnameSets = new Map<string, Set<Actor>>();
  const shortForms = new Set<string>();
  for (const actor of actors) {
    const cls = CLASS_OF_KIND[actor.kind];
    const { canonical, aliases } = lookupForms(actor);
    [canonical, aliases].forEach((forms, tier) => {
      for (const form of forms) {
        put(exact[tier] as KeyMap, keyOf(cls, form), actor);
        if (!isAcronymForm(form)) put(translit[tier] as KeyMap, translitOf(cls, form), actor);
      }
    });
    if (actor.kind === 'person') {
      for (const form of [actor.tableName, ...actor.aliases]) {
        if (isAcronymForm(form)) continue;
        const key = matchKey(surnameOf(form));
        if (key.length < 3) continue;
        const set = surnameSets.get(key) ?? new Set();
        set.add(actor);
        surnameSets.set(key, set);
        if (isSingleWord(form)) shortForms.add(`${key}\u0000${actor.tableName}`);
      }
    }
  }
  // A surname names its actor when one person actor has it and the dictionary
  // writes that person by it alone ("+LAVROV"; the builder drops common first names).
  const surnames: KeyMap = new Map();
  for (const [key, set] of surnameSets) {
    const only = set.size === 1 ? ([...set][0] as Actor) : undefined;
    surnames.set(key, only && shortForms.has(`${key}\u0000${only.tableName}`) ? only : null);
  }
  return { exact, translit, surnames };
}

/** The first tier that knows the key decides: a canonical name beats another actor's alias. */
function tiered(maps: readonly [KeyMap, KeyMap], key: string): Actor | null | undefined {
  for (const map of maps) if (map.has(key)) return map.get(key);
  return undefined;
}

/**
 * Index table rows, renaming the actors that an alias-table entry names
 * (by the exact key of one of its forms, within the entry's class).
 */
export function buildActorIndex(rows: readonly ActorRow[], aliasEntries: readonly AliasEntry[]): ActorIndex {
  const raw: Actor[] = rows.map(([name = '', letter = '', code = '', ...aliases]) => ({
    id: slug(name),
    name,
    kind: KIND_OF_LETTER[letter] ?? 'group',
    code: code || null,
    aliases,
    tableName: name,
    inAliasTable: false,
  }));
  // Which actors each alias-table form names: only the keys of those forms are collected, not the whole table's.
  const wanted = new Set(aliasEntries.flatMap((e) => [e.name, ...e.aliases].map((f) => keyOf(CLASS_OF_TYPE[e.type as EntityType] ?? 'place', f))));
  const owners: [KeyMap, KeyMap] = [new Map(), new Map()];
  for (const actor of raw) {
    const cls = CLASS_OF_KIND[actor.kind];
    const { canonical, aliases } = lookupForms(actor);
    [canonical, aliases].forEach((forms, tier) => {
      for (const form of forms) {
        const key = keyOf(cls, form);
        if (wanted.has(key)) put(owners[tier] as KeyMap, key, actor);
      }
    });
  }
  const claims = new Map<Actor, AliasEntry[]>();
  for (const entry of aliasEntries) {
    const cls = CLASS_OF_TYPE[entry.type as EntityType];
    if (!cls) continue;
    const found = new Set<Actor>();
    for (const form of [entry.name, ...entry.aliases]) {
      const actor = tiered(owners, keyOf(cls, form));
      if (actor) found.add(actor);
    }
    for (const actor of found) claims.set(actor, [...(claims.get(actor) ?? []), entry]);
  }
  const conflicts: string[] = [];
  const linked = new Map<string, string[]>();
  const actors = raw.map((actor) => {
    const entries = claims.get(actor) ?? [];
    if (entries.length > 1) conflicts.push(`${actor.name}: ${entries.map((e) => e.name).join(' / ')}`);
    const entry = entries.length === 1 ? entries[0] : undefined;
    if (!entry) return actor;
    linked.set(entry.name, [...(linked.get(entry.name) ?? []), actor.name]);
    const aliases = [...new Set([...actor.aliases, entry.name, ...entry.aliases])].filter((a) => a !== actor.tableName);
    return { ...actor, id: slug(entry.name), name: entry.name, aliases, inAliasTable: true };
  });
  const byId = new Map<string, Actor[]>();
  for (const actor of actors) {
    const same = byId.get(actor.id);
    if (same) same.push(actor);
    else byId.set(actor.id, [actor]);
  }
  return { actors, ...indexForms(actors), byId, conflicts, linked };
}

/**
 * The actor that an entity of `type` named `names` (bare names: no titles, no
 * leading "the") refers to. The longest name that either table key knows
 * decides; when it names several actors, there is no actor. A person entity
 * whose names are all single words takes the one person actor with that
 * surname, if there is exactly one (see `surnames`).
 */
export function actorForNames(index: ActorIndex, names: readonly string[], type: EntityType): Actor | undefined {
  const cls = CLASS_OF_TYPE[type];
  if (!cls) return undefined;
  const forms = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  for (const form of forms) {
    if (cls === 'person' && isSingleWord(form)) continue;
    const keys: [readonly [KeyMap, KeyMap], string][] = [];
    if (isAcronymForm(form)) keys.push([index.exact, `${cls}\u0000A:${matchKey(form)}`]);
    keys.push([index.exact, `${cls}\u0000${matchKey(form)}`]);
    // Capitals are an acronym, spelt exactly: "SARC" is not "SAARC".
    if (!isAcronymForm(form)) keys.push([index.translit, `${cls}\u0000${translitKey(form)}`]);
    for (const [maps, key] of keys) {
      const actor = tiered(maps, key);
      if (actor !== undefined) return actor ?? undefined;
    }
  }
  if (cls === 'person' && forms.length > 0 && forms.every(isSingleWord)) {
    const found = new Set(forms.map((f) => index.surnames.get(matchKey(surnameOf(f)))));
    const [only] = found;
    if (found.size === 1 && only) return only;
  }
  return undefined;
}
