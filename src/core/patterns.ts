/**
 * Building regular expressions from word lists kept as data: each list's words escaped and joined longest first, so
 * that "car bomb attack" is tried before "car bomb" at the same place.
 */

/** `s` with every character a regular expression gives a meaning escaped. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of `list`, escaped, as one alternation, longest first. */
export const alternation = (list: readonly string[]): string => [...list].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
