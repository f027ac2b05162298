/**
 * Security headers sent with every response. Article text and HTML come from
 * the open web and are hostile: the page renders them as text only, and the
 * policy below makes sure that even a rendering mistake cannot load or run
 * anything that is not served by this server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * For raw inputs (scraped HTML served as text/plain): also sandbox the
 * document, so a browser that ignored the media type still gets an opaque
 * origin with scripts disabled.
 */
export const RAW_CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY}; sandbox`;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Older browsers that do not read frame-ancestors.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The API docs page (/docs): its bundled Swagger UI sets inline styles, so
 * styles may be inline there; scripts still come only from this server.
 */
export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
