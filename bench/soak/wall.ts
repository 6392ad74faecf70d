// One Chromium page on /wall for the whole soak: its EventSource traffic, reloads, JS heap and DOM nodes (CDP).
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import type { WallProbe } from './engine';

export function chromiumWall(): WallProbe {
  let browser: Browser | null = null;
  let cdp: CDPSession | null = null;
  let lastMessageAt = 0;
  let loads = 0;
  return {
    async open(url) {
      browser = await chromium.launch({
        executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      page.on('load', () => loads++);
      cdp = await context.newCDPSession(page);
      // The page's own EventSource, seen from the browser: it must reconnect after every restart.
      await cdp.send('Network.enable');
      cdp.on('Network.eventSourceMessageReceived', () => (lastMessageAt = Date.now()));
      await page.goto(url, { waitUntil: 'load' });
    },
    async sample() {
      if (!cdp) throw new Error('the wall is not open');
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      return { heapBytes: heap.usedSize, domNodes: dom.nodes };
    },
    lastMessageAt: () => lastMessageAt,
    loads: () => loads,
    async close() {
      await browser?.close();
      browser = null;
    },
  };
}
