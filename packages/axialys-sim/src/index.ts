// Public entry of the simulator: startSimulator() runs a simulated call centre behind the Voice Management API.
//
// How to extend the fake (STYLE habit 8):
// - a new endpoint of the guide: add its path to matchVm() and a handler in routes-vm.ts, computing
//   its figures from centre.log (stats.ts) — never from a random draw — and add its name to
//   ENDPOINT_NAMES (faults.ts) so faults can target it;
// - a new behaviour of the centre: add an event kind to centre.ts (`Ev`), schedule it, handle it in
//   handle(); draw chance from the centre's PRNG only, so a seed still gives one call log;
// - a new hook for tests: add a control route under /sim/* in routes-sim.ts (no credentials) and,
//   if other packages need it, a method on RunningSimulator below;
// - a new fault: add its field to Faults, validateFaults() and the pipeline in server.ts.

import type { AddressInfo, Socket } from 'node:net';
import { DateTime } from 'luxon';
import { Audit, type AuditReport } from './audit';
import { CallCentre } from './centre';
import { createClock } from './clock';
import { FaultState, validateFaults, type Faults } from './faults';
import { RequestLog } from './requests-log';
import { buildServer } from './server';

export type { AuditEntry, AuditReport } from './audit';
export type { Faults, EndpointName } from './faults';
export { ENDPOINT_NAMES } from './faults';
export {
  CallCentre,
  wireState,
  type OperatorState,
  type SimOperator,
  type SimGroup,
  type ForcedState,
  type Activity,
} from './centre';
export type { Call, Leg, StatusEvent, StatusEventType } from './call-log';
export type { RequestRecord } from './requests-log';

export interface SimOptions {
  port?: number; // default 8081; 0 = a free port
  host?: string; // default '127.0.0.1'
  user?: string;
  password?: string; // default 'demo'/'demo'
  seed?: number; // default 1
  speed?: number; // simulated ms per real ms, default 1
  startAt?: Date | string; // simulated instant at start, default: now
  now?: () => number; // real clock in ms, default Date.now (drives speed and the 30 s audit)
  timeZone?: string; // default 'Europe/Paris'
  operators?: number; // default 40
  groups?: number; // default 5
  rateLimitMs?: number; // operators_init minimum spacing per account, default 30000 (real ms)
  faults?: Partial<Faults>;
}

export interface RunningSimulator {
  url: string; // e.g. http://127.0.0.1:8081 (no trailing slash)
  port: number;
  user: string;
  password: string;
  centre: CallCentre;
  audit(): AuditReport;
  resetAudit(): void;
  setFaults(f: Partial<Faults>): void;
  clearFaults(): void;
  /** Faults now in force. */
  faults(): Faults;
  /** Jumps simulated time forward by `ms` (the clock and the centre together). */
  advance(ms: number): void;
  close(): Promise<void>; // closes the server and any hung sockets
}

export const DEFAULTS = Object.freeze({
  port: 8081,
  host: '127.0.0.1',
  user: 'demo',
  password: 'demo',
  seed: 1,
  speed: 1,
  timeZone: 'Europe/Paris',
  operators: 40,
  groups: 5,
  rateLimitMs: 30_000,
});

function toMs(startAt: Date | string, timeZone: string): number {
  if (startAt instanceof Date) {
    if (Number.isNaN(startAt.getTime())) throw new Error('startAt: invalid Date');
    return startAt.getTime();
  }
  // A string without an offset is local time of the account's zone, as on the wire.
  const dt = DateTime.fromISO(startAt.trim().replace(' ', 'T'), { zone: timeZone });
  if (!dt.isValid) throw new Error(`startAt: "${startAt}" is not an ISO 8601 date`);
  return dt.toMillis();
}

/** Checks the options; every error names the option and the expected form. */
function resolve(
  opts: SimOptions,
): Required<Omit<SimOptions, 'startAt' | 'faults'>> & { startMs: number; faults: Partial<Faults> } {
  const o = { ...DEFAULTS, now: Date.now, ...stripUndefined(opts) };
  const int = (name: string, v: number, min: number, max: number): void => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(`${name}: expected a whole number from ${min} to ${max}, got ${v}`);
  };
  int('port', o.port, 0, 65535);
  int('seed', o.seed, 0, 2 ** 32 - 1);
  int('operators', o.operators, 1, 2000);
  int('groups', o.groups, 1, 50);
  int('rateLimitMs', o.rateLimitMs, 0, 24 * 3600 * 1000);
  if (!Number.isFinite(o.speed) || o.speed <= 0 || o.speed > 1_000_000)
    throw new Error(`speed: expected a number above 0 (up to 1000000), got ${o.speed}`);
  if (!DateTime.local().setZone(o.timeZone).isValid)
    throw new Error(`timeZone: "${o.timeZone}" is not an IANA time zone`);
  if (o.user === '' || o.password === '') throw new Error('user/password: must not be empty');
  const startMs = opts.startAt === undefined ? o.now() : toMs(opts.startAt, o.timeZone);
  return { ...o, startMs, faults: validateFaults(opts.faults ?? {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function startSimulator(opts: SimOptions = {}): Promise<RunningSimulator> {
  const o = resolve(opts);
  const centre = new CallCentre({
    seed: o.seed,
    timeZone: o.timeZone,
    operators: o.operators,
    groups: o.groups,
    startAt: o.startMs,
  });
  const clock = createClock({ realNow: o.now, startAt: o.startMs, speed: o.speed });
  const faults = new FaultState();
  faults.set(o.faults);
  const audit = new Audit(o.rateLimitMs, o.now);
  const requests = new RequestLog();
  const server = buildServer({
    centre,
    clock,
    faults,
    audit,
    requests,
    user: o.user,
    password: o.password,
    timeZone: o.timeZone,
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(o.port, o.host, () => {
      server.off('error', rej);
      res();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl =
    o.host === '0.0.0.0' || o.host === '::'
      ? '127.0.0.1'
      : o.host.includes(':')
        ? `[${o.host}]`
        : o.host;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    user: o.user,
    password: o.password,
    centre,
    audit: () => audit.report(),
    resetAudit: () => audit.reset(),
    setFaults: (f) => faults.set(f),
    clearFaults: () => faults.clear(),
    faults: () => faults.get(),
    advance(ms) {
      clock.skip(ms);
      centre.advanceTo(clock.sim());
    },
    close() {
      closed ??= new Promise<void>((res) => {
        server.close(() => res());
        for (const s of sockets) s.destroy();
        faults.clear(); // releases hung requests, whose sockets are gone
      });
      return closed;
    },
  };
}
