/**
 * The row format of data/actors.json, shared by scripts/build-actors.ts that
 * writes it and src/resolve/actors.ts that reads it.
 */

export type ActorKind = 'person' | 'group' | 'igo' | 'country';

/** One row of data/actors.json: name, kind letter, latest CAMEO code ('' for none), aliases. */
export type ActorRow = readonly string[];

export const LETTER_OF_KIND: Readonly<Record<ActorKind, string>> = { person: 'p', group: 'g', igo: 'i', country: 'c' };
export const KIND_OF_LETTER: Readonly<Record<string, ActorKind>> = { p: 'person', g: 'group', i: 'igo', c: 'country' };
