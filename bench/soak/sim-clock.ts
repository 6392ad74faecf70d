// Puts the BFF's injected clock (apps/bff/src/clock.ts) on the simulator's time line before the BFF loads.
import { systemClock } from '@vigie/bff/clock';

const num = (name: string): number => {
  const v = Number(process.env[name]);
  if (!Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${process.env[name]}`);
  return v;
};

// The simulator's formula (packages/axialys-sim/src/clock.ts): start + (real − real at start) × speed.
// Every BFF life reads the same line, so time runs on across restarts as it does for the simulator.
const realStart = num('SOAK_SIM_T0');
const simStart = num('SOAK_SIM_START');
const speed = num('SOAK_SPEED');

systemClock.now = () => simStart + (Date.now() - realStart) * speed;
systemClock.setTimeout = (fn, ms) => {
  const t = setTimeout(fn, ms / speed);
  t.unref();
  return t;
};
