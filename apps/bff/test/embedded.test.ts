// No AXIALYS_URL: the BFF starts the simulator in-process and streams from it (the demo).
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { LogCapture, SseClient, fixtureDist } from './helper';

describe('embedded simulator', () => {
  it('starts on the simulator with demo: true, streams, and lists its numbers', async () => {
    const logs = new LogCapture();
    const config = loadConfig({
      POLL_OPERATORS_MS: '300',
      ALLOW_FAST_POLL: '1',
      POLL_GROUPS_MS: '300',
      SIM_SPEED: '20',
      WEB_DIST_DIR: fixtureDist(),
      LOG_LEVEL: 'debug',
    });
    const app = await buildApp(config, { logStream: logs });
    await app.listen({ port: 0, host: '127.0.0.1' });
    onTestFinished(() => app.close());
    const port = (app.server.address() as { port: number }).port;
    const c = new SseClient(`http://127.0.0.1:${port}/api/stream`);
    await c.until(
      () => (c.snapshots.at(-1)?.operators.length ?? 0) > 0,
      5000,
      'a snapshot with operators',
    );
    const s = c.snapshots.at(-1);
    expect(s?.demo).toBe(true);
    expect(s?.upstream.status).toBe('ok');
    const dir = (await (await fetch(`http://127.0.0.1:${port}/api/directory`)).json()) as {
      numbers: string[];
    };
    expect(dir.numbers.length).toBeGreaterThan(0);
    expect(logs.text).toContain('embedded simulator');
  });
});
