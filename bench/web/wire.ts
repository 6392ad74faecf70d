// Bytes a first visit actually transfers, as Chromium counts them (CDP Network.*: headers + body as sent, compressed or not).
import type { Browser } from 'playwright-core';

export interface WireBytes {
  requests: number;
  /** Finished requests: Network.loadingFinished encodedDataLength (headers and body on the wire). */
  finished: number;
  /** Finished requests by kind (script, stylesheet, document, fetch, other). */
  byKind: Record<string, number>;
  /** The SSE stream: its headers and its first `snapshot` event as framed (what follows is the live feed). */
  open: number;
  total: number;
  /** Content-Encoding of each script, to tell a compressed build from a plain one. */
  scriptEncodings: string[];
}

interface Tracked {
  kind: string;
  received: number;
  /** An event stream's first snapshot as framed on the wire (id, event, data lines). */
  firstSnapshot: number;
  headers: number;
  encoding: string;
}

/**
 * Opens `url` in a fresh context (empty cache) and counts what crosses the network until the
 * page is idle, then `settleMs` more (a first snapshot on the stream is part of a first visit).
 */
export async function wireBytes(
  browser: Browser,
  url: string,
  opts: { viewport: { width: number; height: number }; settleMs?: number; ready?: string },
): Promise<WireBytes> {
  const context = await browser.newContext({ viewport: opts.viewport });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const open = new Map<string, Tracked>();
  const finished: Tracked[] = [];
  let finishedBytes = 0;
  const byKind: Record<string, number> = {};
  cdp.on('Network.responseReceived', (e) => {
    const h = e.response.headers;
    const encoding = String(h['content-encoding'] ?? h['Content-Encoding'] ?? 'identity');
    const t = open.get(e.requestId);
    if (t) t.encoding = encoding;
    else
      open.set(e.requestId, {
        kind: e.type.toLowerCase(),
        received: 0,
        firstSnapshot: 0,
        headers: e.response.encodedDataLength,
        encoding,
      });
  });
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!open.has(e.requestId))
      open.set(e.requestId, {
        kind: (e.type ?? 'other').toLowerCase(),
        received: 0,
        firstSnapshot: 0,
        headers: 0,
        encoding: 'identity',
      });
  });
  cdp.on('Network.dataReceived', (e) => {
    const t = open.get(e.requestId);
    if (t) t.received += e.encodedDataLength;
  });
  // Chromium reports a stream's encoded length only when it ends (and lumps chunks together): the
  // first snapshot is counted from the event itself; the stream is never compressed.
  cdp.on('Network.eventSourceMessageReceived', (e) => {
    const t = open.get(e.requestId);
    if (!t || t.firstSnapshot > 0 || e.eventName !== 'snapshot') return;
    t.firstSnapshot = Buffer.byteLength(`id: ${e.eventId}\nevent: snapshot\ndata: ${e.data}\n\n`);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = open.get(e.requestId);
    open.delete(e.requestId);
    finishedBytes += e.encodedDataLength;
    const kind = t?.kind ?? 'other';
    byKind[kind] = (byKind[kind] ?? 0) + e.encodedDataLength;
    if (t) finished.push(t);
  });
  await cdp.send('Network.enable');
  await page.goto(url, { waitUntil: 'networkidle' });
  if (opts.ready) await page.waitForSelector(opts.ready, { timeout: 30_000 });
  await page.waitForTimeout(opts.settleMs ?? 1000);
  let openBytes = 0;
  for (const t of open.values())
    openBytes += t.kind === 'eventsource' ? t.headers + t.firstSnapshot : t.headers + t.received;
  const result: WireBytes = {
    requests: finished.length + open.size,
    finished: finishedBytes,
    byKind,
    open: openBytes,
    total: finishedBytes + openBytes,
    scriptEncodings: [
      ...new Set(finished.filter((t) => t.kind === 'script').map((t) => t.encoding)),
    ],
  };
  await context.close();
  return result;
}
