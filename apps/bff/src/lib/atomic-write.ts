// Writing a whole file atomically: a crash or kill -9 leaves the old file or the new one, never half.
import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes `text` to a temporary file beside `path` (named by this process, so two processes never
 * share one), then renames it over `path`. Throws what the file system throws.
 */
export function writeFileAtomic(path: string, text: string, options: { mode?: number } = {}): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, options);
  renameSync(tmp, path);
}
