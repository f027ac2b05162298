/**
 * Where a store lives, as the user wrote it: a file path, ':memory:', or a
 * PostgreSQL connection URL. A URL may carry a password, in its user part or
 * as a `password=` parameter; anything shown to a person (an error, a log
 * line) goes through `redactLocation` / `redactSecrets` first.
 */

/** What stands in for a password that was left out. */
export const REDACTED = '***';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
/** `password=…` in a URL's query, up to the next parameter. */
const PASSWORD_PARAM = /([?&]password=)[^&#]*/gi;

export function isPostgresUrl(location: string): boolean {
  return POSTGRES_URL.test(location.trim());
}

/**
 * The location with any password replaced by REDACTED; the user name, host,
 * port and database stay, so the message still says which database it was.
 * The user part runs to the last '@' (a password may hold '@' or '/' when
 * typed unencoded): if that reaches into the query, more is hidden, never less.
 */
export function redactLocation(location: string): string {
  const scheme = POSTGRES_URL.exec(location.trimStart());
  if (!scheme) return location;
  const start = location.indexOf(scheme[0]) + scheme[0].length;
  let rest = location.slice(start);
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) rest = `${userinfo.slice(0, colon)}:${REDACTED}${rest.slice(at)}`;
  }
  return location.slice(0, start) + rest.replace(PASSWORD_PARAM, `$1${REDACTED}`);
}

/** Every spelling of the location's password (as written, and URL-decoded). */
function passwordsOf(location: string): string[] {
  const scheme = POSTGRES_URL.exec(location.trimStart());
  if (!scheme) return [];
  const rest = location.slice(location.indexOf(scheme[0]) + scheme[0].length);
  const found: string[] = [];
  const at = rest.lastIndexOf('@');
  const colon = at >= 0 ? rest.slice(0, at).indexOf(':') : -1;
  if (colon >= 0) found.push(rest.slice(colon + 1, at));
  for (const match of rest.matchAll(PASSWORD_PARAM)) found.push(rest.slice(match.index + match[1]!.length).split(/[&#]/)[0]!);
  const decoded = found.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return [...new Set([...found, ...decoded])].filter((p) => p.length > 0);
}

/**
 * A message (from the driver, say) with the location's password taken out
 * wherever it appears, and the location itself redacted.
 */
export function redactSecrets(message: string, location: string): string {
  let out = message.split(location).join(redactLocation(location));
  for (const password of passwordsOf(location)) out = out.split(password).join(REDACTED);
  return out;
}
