// `pnpm bench [name…]`: runs bench/<name>/main.ts for each name (the default set when none), one after another.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = ['fanout', 'patch', 'upstream', 'web', 'cluster', 'freshness'];
// Run only when named: the soak takes ~17 real minutes (a simulated week at 600×).
const ON_DEMAND = ['soak'];
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((a) => !BENCHES.includes(a) && !ON_DEMAND.includes(a));
if (unknown.length) {
  console.error(
    `unknown bench: ${unknown.join(', ')} (choose from ${[...BENCHES, ...ON_DEMAND].join(', ')})`,
  );
  process.exit(1);
}
let failed = 0;
for (const name of asked.length ? asked : BENCHES) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}/main.ts`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`bench/${name} failed (${r.status ?? r.signal})`);
    failed += 1;
  }
}
process.exit(failed ? 1 : 0);
