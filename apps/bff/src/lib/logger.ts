// The pino logger: credential headers redacted, and every form of the upstream password scrubbed from each line.
import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';

export interface LoggerOptions {
  level: string;
  /**
   * Every string that must never reach a log line (password, its URL and Basic forms, session
   * secret, display tokens, password hashes). Read at each line: the caller may update it in place.
   */
  secrets: readonly string[];
  /** Where lines go (tests capture them); stdout by default. */
  stream?: DestinationStream;
}

/** The forms a password can take on the wire: raw, URL-encoded, and inside a Basic token. */
export function secretForms(user: string | null, password: string | null): string[] {
  if (!password) return [];
  const forms = new Set([
    password,
    encodeURIComponent(password),
    JSON.stringify(password).slice(1, -1),
  ]);
  if (user !== null) forms.add(Buffer.from(`${user}:${password}`).toString('base64'));
  return [...forms].filter((s) => s.length >= 3);
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}

/** A `token=` in a query string (the /wall exchange) is masked whether or not the token is valid. */
function maskQueryTokens(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1***');
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request fields, with the URL's tokens masked. */
function serializeRequest(req: RequestLike) {
  return {
    method: req.method,
    url: maskQueryTokens(req.url ?? ''),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export function createLogger(o: LoggerOptions): Logger {
  const secrets = o.secrets;
  return pino(
    {
      level: o.level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["proxy-authorization"]',
          'res.headers["set-cookie"]',
          'password',
          '*.password',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '***',
      },
      // The last line of defence: whatever a library puts in a message, the password is masked.
      hooks: { streamWrite: (line: string) => scrub(line, secrets) },
      serializers: { req: serializeRequest },
    },
    // Synchronous stdout: the last lines before a shutdown's process.exit are never lost.
    o.stream ?? pino.destination({ dest: 1, sync: true }),
  );
}
