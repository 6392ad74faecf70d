// Bytes on the wire (issue 12 §7): a first visit of the wall, counted by Chromium itself (CDP
// Network.loadingFinished encodedDataLength: headers and body as they crossed the socket).
import type { CDPSession } from '@playwright/test';
import { startStack, type Stack } from '../fixtures/stack';
import { expect, saveScreen, test } from '../fixtures/test';

/** The budget for the wall's first visit, everything included (KB of 1,024 bytes). */
const WALL_BUDGET_BYTES = 160 * 1024;

interface Request {
  url: string;
  type: string;
  encoding: string;
  /** Response headers as received (an open stream's only count until its first event). */
  headers: number;
  /** Encoded bytes once finished (headers included). */
  bytes: number;
  finished: boolean;
  /** An event stream: its first `snapshot` or `patch` event as framed on the wire. */
  firstSnapshot: number;
  /** That event's name: a `patch` when the page primed itself from /api/snapshot. */
  firstEvent: string;
}

/** Starts counting every request of the page from now on. */
async function countBytes(cdp: CDPSession): Promise<Map<string, Request>> {
  const requests = new Map<string, Request>();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, {
      url: new URL(e.request.url).pathname,
      type: (e.type ?? 'Other').toLowerCase(),
      encoding: 'identity',
      headers: 0,
      bytes: 0,
      finished: false,
      firstSnapshot: 0,
      firstEvent: '',
    });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.encoding = String(e.response.headers['content-encoding'] ?? 'identity');
    r.headers = e.response.encodedDataLength;
  });
  // Chromium reports a stream's encoded length only when it ends (and lumps chunks together):
  // its first figures are counted from the event itself; the stream is never compressed.
  cdp.on('Network.eventSourceMessageReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r || r.firstSnapshot > 0) return;
    if (e.eventName !== 'snapshot' && e.eventName !== 'patch') return;
    r.firstEvent = e.eventName;
    r.firstSnapshot = Buffer.byteLength(
      `id: ${e.eventId}\nevent: ${e.eventName}\ndata: ${e.data}\n\n`,
    );
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.bytes = e.encodedDataLength;
    r.finished = true;
  });
  await cdp.send('Network.enable');
  return requests;
}

test.describe('bytes on the wire', () => {
  // Its own board, polled every 5 s: with the shared stack's 1 s polls a new snapshot often lands
  // between the page's /api/snapshot and its stream, which then rightly starts in full.
  let slow: Stack;
  test.beforeAll(async () => {
    slow = await startStack({
      buildId: 'e2e-bytes',
      env: { POLL_OPERATORS_MS: '5000', POLL_GROUPS_MS: '5000' },
    });
  });
  test.afterAll(async () => slow?.close());

  test('a first visit of /wall transfers at most 160 KB, assets in brotli, the stream plain', async ({
    page,
  }, testInfo) => {
    const cdp = await page.context().newCDPSession(page);
    const requests = await countBytes(cdp);
    await page.goto(`${slow.bff.url}/wall?lang=en`);
    await expect(page.getByTestId('operator-tile').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    await page.waitForLoadState('networkidle');
    // Whatever the wall asks for once it is live (chunks, the session) counts too.
    await page.waitForTimeout(1000);
    // The stream's first event comes with the next poll (every 5 s here).
    await expect
      .poll(() => [...requests.values()].some((r) => r.type === 'eventsource' && r.firstEvent), {
        timeout: 15_000,
      })
      .toBe(true);

    // A first visit: every file and reply, and the stream up to its first snapshot (what follows
    // is the live feed, not the visit).
    const all = [...requests.values()];
    const isStream = (r: Request) => r.type === 'eventsource';
    const files = all.filter((r) => !isStream(r));
    const stream = all.filter(isStream);
    const streamBytes = stream.reduce((n, r) => n + r.headers + r.firstSnapshot, 0);
    const total = files.reduce((n, r) => n + r.bytes, 0) + streamBytes;
    const scripts = all.filter((r) => r.type === 'script');
    const table = [
      ...files.map(
        (r) =>
          `${String(r.bytes).padStart(7)}  ${r.encoding.padEnd(8)} ${r.type.padEnd(10)} ${r.url}`,
      ),
      ...stream.map(
        (r) =>
          `${String(r.headers + r.firstSnapshot).padStart(7)}  ${r.encoding.padEnd(8)} eventsource ${r.url}: headers and the first ${r.firstEvent}`,
      ),
      `${String(total).padStart(7)}  total of the first visit (budget ${WALL_BUDGET_BYTES})`,
    ].join('\n');
    console.log(table); // the figures for the README, in the run's output too
    await testInfo.attach('wall-first-visit-bytes.txt', {
      body: `${table}\n`,
      contentType: 'text/plain',
    });
    await testInfo.attach('wall-first-visit-1920x1080', {
      path: await saveScreen(page, 'bytes-wall-first-visit-1920x1080'),
      contentType: 'image/png',
    });

    // Nothing left half-counted: every request but the stream had ended.
    expect(files.filter((r) => !r.finished).map((r) => r.url)).toEqual([]);
    expect(scripts.length).toBeGreaterThan(3);
    for (const s of scripts) expect(s.encoding, s.url).toBe('br');
    expect(all.find((r) => r.type === 'document')?.encoding).toBe('br');
    // The figures come compressed from /api/snapshot; the stream, never compressed, then starts
    // with a patch onto them (it is counted up to that first event).
    const fetched = files.find((r) => r.url === '/api/snapshot');
    expect(fetched?.encoding, 'GET /api/snapshot').toBe('br');
    expect(stream.length).toBeGreaterThan(0);
    for (const s of stream) {
      expect(s.encoding).toBe('identity');
      expect(s.firstEvent, 'the first event on the stream').toBe('patch');
      expect(s.firstSnapshot).toBeGreaterThan(0);
    }
    expect(total, table).toBeLessThanOrEqual(WALL_BUDGET_BYTES);
  });
});
