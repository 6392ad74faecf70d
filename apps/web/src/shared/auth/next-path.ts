// Where to go after signing in: only a path of this site, never another origin.

export const SIGN_IN_PATH = '/sign-in';

/**
 * `next` when it is a same-origin relative path (`/x?y#z`), else `/`. Rejects absolute URLs,
 * protocol-relative `//host`, backslash tricks (`/\host`, which browsers read as `//host`),
 * control characters and the sign-in page itself (no loop).
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/')) return '/';
  if (next.startsWith('//') || next.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, 'http://vigie.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://vigie.invalid') return '/';
  if (url.pathname === SIGN_IN_PATH) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?next=<the current address>`, so signing in comes back here. */
export function signInPath(location: { pathname: string; search?: string; hash?: string }): string {
  const here = `${location.pathname}${location.search ?? ''}${location.hash ?? ''}`;
  return `${SIGN_IN_PATH}?${new URLSearchParams({ next: safeNextPath(here) }).toString()}`;
}
