// No credential in any response or log line (a whole run with faults and bad credentials), nor in the SPA bundle.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authFiles,
  build,
  type Built,
  eventually,
  PASSWORD,
  secretList,
  sleep,
  SseClient,
  USER,
} from './support';
import { secretForms } from '../src/lib/logger';

function assertClean(b: Built, texts: string[], secret = PASSWORD) {
  const forms = secretForms(USER, secret);
  expect(forms.length).toBeGreaterThanOrEqual(3);
  for (const form of forms) {
    expect(b.logs.text.includes(form), `log carries a form of the password: ${form}`).toBe(false);
    for (const t of texts) expect(t.includes(form), 'a response carries the password').toBe(false);
  }
}

describe('credentials never leave the BFF', () => {
  it('a whole run (stream, routes, errors, faults) logs and answers without the password', async () => {
    const b = await build({ env: { LOG_LEVEL: 'trace' } });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(
      () => c.snapshots.some((s) => s.upstream.lastSuccessAt !== null && s.operators.length > 0),
      5000,
      'data',
    );
    const id = c.snapshots.at(-1)?.operators[0]?.id;
    const group = c.snapshots.at(-1)?.groups[0]?.id;
    const paths = [
      '/api/snapshot',
      `/api/operators/${id}`,
      `/api/operators/${id}/history`,
      `/api/operators/${id}/history?from=2020-01-01&to=2021-01-01`,
      '/api/operators/999999',
      '/api/operators/abc',
      `/api/groups/${group}/trend`,
      '/api/stats/numbers?realtime=true',
      `/api/stats/groups?group=${group}`,
      '/api/stats/groups?group=x',
      '/api/directory',
      '/metrics',
      '/readyz',
      '/nope',
    ];
    for (const p of paths)
      await b.get(p, {
        authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      });
    // Faults: 5xx (with bodies), malformed JSON, a hang; errors on the drill-down routes too.
    b.sim.setFaults({ errorRate: 1, errorStatus: 500 });
    await c.until(() => c.snapshots.at(-1)?.upstream.status !== 'ok', 5000, 'a fault');
    await b.get(`/api/operators/${id}?x=1`);
    await b.get('/api/stats/numbers?from=2026-01-02');
    b.sim.setFaults({ malformedRate: 1, errorRate: 0 });
    await sleep(700);
    await b.get('/api/stats/groups?from=2026-01-03');
    b.sim.setFaults({ hang: true, malformedRate: 0 });
    await sleep(900);
    b.sim.setFaults({ rejectCredentials: true, hang: false });
    await c.until(
      () => c.snapshots.at(-1)?.upstream.status === 'unauthorized',
      5000,
      'unauthorized',
    );
    await b.get('/api/stats/groups?from=2026-01-04');
    b.sim.clearFaults();
    c.close();
    await b.app.close();
    expect(b.logs.lines.length).toBeGreaterThan(30);
    assertClean(b, [...b.bodies, ...c.events.map((e) => e.data)]);
  });

  it('with a wrong password, neither it nor the right one shows up anywhere', async () => {
    const wrong = 'Wr0ng/p@ss "word"';
    const b = await build({ password: wrong, env: { LOG_LEVEL: 'trace' } });
    await eventually(
      () => b.app.snapshots.latest?.snapshot.upstream.status === 'unauthorized' || undefined,
      5000,
      'unauthorized',
    );
    await b.get('/api/operators/1001');
    await b.get('/api/snapshot');
    await b.app.close();
    assertClean(b, b.bodies, wrong);
    assertClean(b, b.bodies, PASSWORD);
  });
});

describe('the SPA bundle carries no secret', () => {
  it('scans apps/web/dist (or apps/web/src when no build exists) for configured secrets and secret shapes', async () => {
    const web = resolve(import.meta.dirname, '../../web');
    const dist = join(web, 'dist');
    // Without a build (pnpm test builds it before e2e), the sources are what a build would bundle.
    const root = existsSync(join(dist, 'index.html')) ? dist : join(web, 'src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(js|mjs|css|html|json|map|ts|tsx|svg|txt)$/.test(name)) files.push(p);
      }
    };
    walk(root);
    expect(files.length, `files under ${root}`).toBeGreaterThan(3);
    const f = await authFiles();
    const secrets = secretList(f);
    const shapes = [
      /scrypt\$\d+\$\d+\$\d+\$/, // a password hash
      /VIGIE_SESSION_SECRET\s*[:=]\s*['"][^'"]{8,}/,
      /AXIALYS_PASSWORD\s*[:=]\s*['"][^'"]{3,}/,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const s of secrets) expect(text.includes(s), `${file} carries a secret`).toBe(false);
      for (const re of shapes) expect(re.test(text), `${file} matches ${re}`).toBe(false);
    }
  });
});
