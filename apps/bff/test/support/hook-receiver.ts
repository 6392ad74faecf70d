// A real local HTTP receiver for the alert webhook: records every request and answers as the test scripts it (status, delay, hang).
import { createServer, type IncomingHttpHeaders } from 'node:http';

interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when the whole body had arrived. */
  at: number;
}

/** What to answer the nth request (0-based): a status after `delayMs`, or no answer at all. */
export type HookAnswer = { status: number; delayMs?: number } | 'hang';

export interface HookReceiver {
  /** The webhook URL to give the BFF (path /hook). */
  url: string;
  readonly got: ReceivedRequest[];
  /** The bodies received, parsed as JSON. */
  payloads<T>(): T[];
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1; answers 204 unless `answer` says otherwise. */
export async function startHookReceiver(
  answer: (n: number) => HookAnswer = () => ({ status: 204 }),
): Promise<HookReceiver> {
  const got: ReceivedRequest[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      const a = answer(n++);
      if (a === 'hang') return;
      setTimeout(() => res.writeHead(a.status).end(), a.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`,
    got,
    payloads: <T>() => got.map((r) => JSON.parse(r.body) as T),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
