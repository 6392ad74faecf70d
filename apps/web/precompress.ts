// After `vite build`: writes file.br (brotli 11) and file.gz (gzip 9) beside every text asset of
// dist/, for @fastify/static's `preCompressed` (issue 12 §7): compressed once at build, not per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map']);
/** Below this, headers outweigh what compression saves. */
const MIN_BYTES = 256;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

export function precompress(dist: string): { files: number; raw: number; br: number; gz: number } {
  const total = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const path of files(dist)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const body = readFileSync(path);
    if (body.length < MIN_BYTES) continue;
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gz = gzipSync(body, { level: 9 });
    // A compressed copy that is not smaller is not written: the plain file is served instead.
    if (br.length < body.length) writeFileSync(`${path}.br`, br);
    if (gz.length < body.length) writeFileSync(`${path}.gz`, gz);
    total.files += 1;
    total.raw += body.length;
    total.br += Math.min(br.length, body.length);
    total.gz += Math.min(gz.length, body.length);
  }
  return total;
}

const isMain =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), process.argv[2] ?? 'dist');
  if (!statSync(join(dist, 'index.html'), { throwIfNoEntry: false })) {
    console.error(`precompress: no index.html in ${dist}: run vite build first`);
    process.exit(1);
  }
  const t = precompress(dist);
  const k = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `precompress: ${t.files} files in ${relative(process.cwd(), dist) || '.'}: ${k(t.raw)} → brotli ${k(t.br)}, gzip ${k(t.gz)}`,
  );
}
