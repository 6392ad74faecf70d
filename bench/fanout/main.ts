// bench/fanout: the fan-out bench on a big board (1,000 operators) then on the default one (40).
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../lib/processes';

// The big board is the one the issue asks about; the small one shows what 10,000 clients cost when
// the bytes, not the connections, stop being the limit of one machine.
// `operators:groups:mode`, mode `patch` (`/api/stream?patch=1`, issue 14.3) or `full`.
const boards = (process.env['BENCH_BOARDS'] ?? '1000:20:patch,40:5:full').split(',');
let failed = 0;
for (const board of boards) {
  const [operators = '1000', groups = '20', mode = 'full'] = board.split(':');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/fanout/board.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_OPERATORS: operators, BENCH_GROUPS: groups, BENCH_MODE: mode },
    timeout: 6 * 60_000,
  });
  if (r.status !== 0) failed += 1;
}
// The hub's own CPU per broadcast against a res.write loop, in one process (docs/fanout.md).
const hub = spawnSync(process.execPath, ['--import', 'tsx', 'bench/fanout/hub-cpu.ts'], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  timeout: 6 * 60_000,
});
if (hub.status !== 0) failed += 1;
process.exit(failed ? 1 : 0);
