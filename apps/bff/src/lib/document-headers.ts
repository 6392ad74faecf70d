// Response headers only a document obeys (shared by the static files, the API replies and the stream).

/**
 * Helmet's headers that only a document (or a worker: the SPA starts none) obeys: on a script or
 * a stylesheet the browser ignores them, and they cost ~420 bytes on each of the wall's ~15 assets (issue 12 §7), and on each JSON reply
 * and the event stream, which no browser renders as a page (nosniff).
 * nosniff, Cross-Origin-Resource-Policy and Referrer-Policy (a stylesheet's requests obey it) stay.
 */
export const DOCUMENT_ONLY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-frame-options',
  'x-xss-protection',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
] as const;

/** Removes them from a response whose body is never a document (JSON, an event stream). */
export function dropDocumentHeaders(res: { removeHeader(name: string): void }): void {
  for (const h of DOCUMENT_ONLY_HEADERS) res.removeHeader(h);
}
