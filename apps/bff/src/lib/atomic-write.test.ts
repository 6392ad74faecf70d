// lib/atomic-write against the real file system: a whole replacement or the old file, never a temporary left.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

describe('writeFileAtomic', () => {
  it('replaces the whole file, leaves no temporary file behind, and keeps the mode asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-atomic-'));
    const file = join(dir, 'f.json');
    writeFileSync(file, 'old and longer than the new one');
    writeFileAtomic(file, 'new', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['f.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('throws where the file system refuses, and leaves the old file as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-atomic-'));
    const file = join(dir, 'missing-dir', 'f.json');
    expect(() => writeFileAtomic(file, 'x')).toThrow(/ENOENT/);
    const kept = join(dir, 'kept.json');
    writeFileSync(kept, 'kept');
    expect(() => writeFileAtomic(join(kept, 'child'), 'x')).toThrow();
    expect(readFileSync(kept, 'utf8')).toBe('kept');
  });
});
