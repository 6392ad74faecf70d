// `pnpm sim`: reads the settings, starts the simulator, says where it listens, and closes with grace.

import { DateTime } from 'luxon';
import { ConfigError, readConfig } from './config';
import { startSimulator } from './index';

async function main(): Promise<void> {
  let opts;
  try {
    opts = readConfig(process.env, process.argv.slice(2));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`axialys-sim: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  let sim;
  try {
    sim = await startSimulator(opts);
  } catch (e) {
    console.error(`axialys-sim: cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
  const now = DateTime.fromMillis(sim.centre.now(), { zone: sim.centre.timeZone }).toFormat(
    "yyyy-LL-dd HH:mm:ss ZZZZ '('z')'",
  );
  console.log(`Axialys Voice Management API simulator listening on ${sim.url}`);
  console.log(`  credentials: ${sim.user} / ${sim.password}   (HTTP Basic, or ?user=&password=)`);
  console.log(
    `  simulated now: ${now}, speed x${opts.speed ?? 1}, ${sim.centre.operators.length} operators, ${sim.centre.groups.length} groups`,
  );
  console.log(
    `  try: curl -u ${sim.user}:${sim.password} '${sim.url}/vm/operators_init?accept=application/json'`,
  );
  console.log(
    `  control (no credentials): ${sim.url}/sim/state  /sim/audit  /sim/faults  /sim/requests`,
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
