// The build's precompression: .br and .gz beside each text asset, byte-identical once inflated.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompress } from './precompress';

describe('precompress', () => {
  it('writes br and gz for text files, and leaves tiny and binary files alone', () => {
    const dist = mkdtempSync(join(tmpdir(), 'vigie-precompress-'));
    mkdirSync(join(dist, 'assets'));
    const js = Array.from({ length: 300 }, (_, i) => `export const a${i} = ${i};`).join('\n');
    writeFileSync(join(dist, 'index.html'), `<!doctype html>${'<p>vigie</p>'.repeat(50)}`);
    writeFileSync(join(dist, 'assets', 'wall-abc.js'), js);
    writeFileSync(join(dist, 'assets', 'tiny-abc.css'), 'a{b:c}');
    writeFileSync(join(dist, 'assets', 'logo.png'), Buffer.alloc(4096, 7));

    const t = precompress(dist);

    expect(t.files).toBe(2);
    const wall = join(dist, 'assets', 'wall-abc.js');
    expect(brotliDecompressSync(readFileSync(`${wall}.br`)).toString()).toBe(js);
    expect(gunzipSync(readFileSync(`${wall}.gz`)).toString()).toBe(js);
    expect(readFileSync(`${wall}.br`).length).toBeLessThan(readFileSync(`${wall}.gz`).length);
    expect(existsSync(join(dist, 'index.html.br'))).toBe(true);
    expect(existsSync(join(dist, 'assets', 'tiny-abc.css.br'))).toBe(false);
    expect(existsSync(join(dist, 'assets', 'logo.png.br'))).toBe(false);
    expect(t.br).toBeLessThan(t.gz);
    expect(t.gz).toBeLessThan(t.raw);
  });
});
