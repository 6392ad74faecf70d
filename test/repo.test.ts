// Repository checks: the README, the compose file, the Dockerfile and CI tell the same story.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}

const compose = parse(read('docker-compose.yml')) as {
  services: Record<string, ComposeService>;
};
const readme = read('README.md');

/** Setting names documented in the README's tables: first cell in backticks, upper case. */
function documentedSettings(markdown: string): Set<string> {
  const names = new Set<string>();
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

describe('docker-compose.yml', () => {
  it('runs the board by default and the standalone simulator only under its profile', () => {
    expect(service('vigie').profiles).toBeUndefined();
    expect(service('vigie').build).toBeDefined();
    expect(service('axialys-sim').profiles).toEqual(['simulator']);
  });

  it('publishes the port the README gives', () => {
    const published = service('vigie').ports?.[0] ?? '';
    expect(published).toMatch(/:8080$/);
    expect(readme).toContain('http://localhost:8080');
    expect(service('axialys-sim').ports?.[0]).toMatch(/:8081$/);
  });

  it('passes only settings that the README documents', () => {
    const documented = documentedSettings(readme);
    for (const name of ['vigie', 'axialys-sim']) {
      for (const variable of Object.keys(service(name).environment ?? {})) {
        expect(documented, `${variable} of service ${name} is not in the README`).toContain(
          variable,
        );
      }
    }
  });

  it('leaves AXIALYS_URL empty by default, so the board starts on the embedded simulator', () => {
    expect(service('vigie').environment?.['AXIALYS_URL']).toBe('${AXIALYS_URL:-}');
  });

  it('checks health on /healthz for the board', () => {
    expect(service('vigie').healthcheck?.test.join(' ')).toContain('/healthz');
    expect(service('axialys-sim').healthcheck?.test.join(' ')).toContain('8081');
  });
});

describe('docker-compose.yml cluster profile', () => {
  const cluster = ['redis', 'vigie-cluster', 'proxy'];

  it('runs Redis, the replicas and a proxy only under the cluster profile', () => {
    for (const name of cluster) expect(service(name).profiles).toEqual(['cluster']);
    expect((service('vigie-cluster') as { deploy?: { replicas?: number } }).deploy?.replicas).toBe(
      3,
    );
    expect(service('vigie-cluster').environment?.['REDIS_URL']).toMatch(/^redis:\/\/redis:/);
    expect(service('proxy').ports?.[0]).toMatch(/:8080$/);
  });

  it('passes the replicas only settings that the README documents', () => {
    const documented = documentedSettings(readme);
    for (const variable of Object.keys(service('vigie-cluster').environment ?? {}))
      expect(documented, `${variable} of vigie-cluster is not in the README`).toContain(variable);
  });

  it('proxies the event stream unbuffered, with a long read timeout, over HTTP/1.1', () => {
    const nginx = read('deploy/nginx.conf');
    const stream = /location = \/api\/stream \{([\s\S]*?)\}/.exec(nginx)?.[1] ?? '';
    expect(stream).toMatch(/proxy_buffering off;/);
    expect(stream).toMatch(/proxy_read_timeout 1h;/);
    expect(nginx).toMatch(/proxy_http_version 1\.1;/);
    // No sticky sessions: any replica serves any request.
    expect(nginx).not.toMatch(/^\s*(ip_hash|sticky|hash)\b/m);
    expect(readme).toContain('--profile cluster');
  });

  it('compresses what the replicas left plain, except the event stream (issue 12 §7)', () => {
    const nginx = read('deploy/nginx.conf');
    const stream = /location = \/api\/stream \{([\s\S]*?)\}/.exec(nginx)?.[1] ?? '';
    const outside = nginx.replace(stream, '');
    expect(outside).toMatch(/^\s*gzip on;/m);
    expect(outside).toMatch(/^\s*gzip_proxied any;/m);
    expect(outside).toMatch(/^\s*gzip_types [^;]*application\/json/m);
    expect(outside).not.toMatch(/gzip_types [^;]*event-stream/);
    expect(stream).toMatch(/gzip off;/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it('is multi-stage and runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toMatch(/^USER node$/m);
  });

  it('ships production dependencies and the built SPA only', () => {
    expect(dockerfile).toContain('deploy --prod');
    expect(dockerfile).toContain('@vigie/web build');
    expect(runtime).not.toMatch(/pnpm install/);
  });

  it('has a health check on /healthz', () => {
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
  });
});

describe('README and CI', () => {
  it('CI runs exactly the test command the README gives', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const testLine = block.split('\n').find((line) => line.includes('# every test')) ?? '';
    const command = testLine.split('#')[0]?.trim();
    expect(command).toBe('pnpm test');
    const ci = read('.ci/run').trim().split('\n');
    expect(ci.at(-1)).toBe(command);
  });

  it('pnpm test sees to its own needs and lints first; CI installs only pnpm', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    const steps = (scripts['test'] ?? '').split('&&').map((step) => step.trim());
    expect(steps.slice(0, 3)).toEqual([
      'pnpm install --frozen-lockfile',
      'pnpm lint',
      'node scripts/test-needs.mjs',
    ]);
    expect(scripts['lint']).toMatch(/eslint .*prettier --check .*knip/);
    const ci = read('.ci/run');
    expect(ci).not.toMatch(/apt-get|pnpm install/);
  });

  it('documents every setting the BFF reads', () => {
    const documented = documentedSettings(readme);
    const config = read('apps/bff/src/config/env.ts');
    const read_ = [
      ...config.matchAll(/\b(?:env|e)\.([A-Z][A-Z0-9_]+)|['"]([A-Z][A-Z0-9_]{2,})['"]/g),
    ]
      .map((m) => m[1] ?? m[2])
      .filter((name): name is string => !!name && /_/.test(name));
    expect(read_.length).toBeGreaterThan(5);
    for (const name of new Set(read_))
      expect(documented, `${name} is not in the README`).toContain(name);
  });
});
