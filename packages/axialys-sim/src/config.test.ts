// Settings by environment and flags: values read, bad values named.

import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('settings', () => {
  it('reads the SIM_* variables, flags winning over them', () => {
    const o = readConfig(
      {
        SIM_PORT: '9000',
        SIM_HOST: '0.0.0.0',
        SIM_USER: 'u',
        SIM_PASSWORD: 'p',
        SIM_SEED: '4',
        SIM_SPEED: '60',
        SIM_OPERATORS: '12',
        SIM_GROUPS: '3',
        SIM_RATE_LIMIT_MS: '1000',
        SIM_TIMEZONE: 'Europe/Brussels',
        SIM_START: '2026-03-10T09:00:00+01:00',
      },
      ['--port=9001', '--hang', '--error-rate', '0.25', '--fault-endpoints=groups,op_details'],
    );
    expect(o).toEqual({
      port: 9001,
      host: '0.0.0.0',
      user: 'u',
      password: 'p',
      seed: 4,
      speed: 60,
      operators: 12,
      groups: 3,
      rateLimitMs: 1000,
      timeZone: 'Europe/Brussels',
      startAt: '2026-03-10T09:00:00+01:00',
      faults: { hang: true, errorRate: 0.25, endpoints: ['groups', 'op_details'] },
    });
  });

  it.each([
    ['SIM_PORT', 'abc'],
    ['SIM_SPEED', '0'],
    ['SIM_OPERATORS', '-3'],
    ['SIM_TIMEZONE', 'Mars/Olympus'],
    ['SIM_START', 'yesterday'],
    ['SIM_ERROR_RATE', '3'],
    ['SIM_EMPTY_RATE', 'x'],
    ['SIM_EMPTY_SHAPE', 'array'],
    ['SIM_THROTTLE_RATE', '1.5'],
    ['SIM_RETRY_AFTER_SECONDS', '2.5'],
    ['SIM_HTML_RATE', '-1'],
    ['SIM_RESET_RATE', 'yes'],
  ])('stops on a bad %s naming the variable', (name, value) => {
    expect(() => readConfig({ [name]: value }, [])).toThrow(name);
  });

  it('reads the empty, 429, HTML and reset faults', () => {
    const o = readConfig({ SIM_EMPTY_RATE: '0.5', SIM_EMPTY_SHAPE: 'null-data' }, [
      '--throttle-rate=0.1',
      '--retry-after-seconds',
      '7',
      '--html-rate=0.2',
      '--reset-rate=1',
    ]);
    expect(o.faults).toEqual({
      emptyRate: 0.5,
      emptyShape: 'null-data',
      throttleRate: 0.1,
      retryAfterSeconds: 7,
      htmlRate: 0.2,
      resetRate: 1,
    });
  });

  it('refuses an unknown flag', () => {
    expect(() => readConfig({}, ['--colour=blue'])).toThrow(/unknown argument/);
  });
});

describe('startSimulator options', () => {
  it.each([
    [{ timeZone: 'Nowhere/Land' }, 'timeZone'],
    [{ speed: -1 }, 'speed'],
    [{ operators: 0 }, 'operators'],
    [{ startAt: 'soon' }, 'startAt'],
    [{ faults: { errorRate: 7 } }, 'errorRate'],
  ])('refuses %j naming the option', async (opts, name) => {
    const { startSimulator } = await import('./index');
    await expect(startSimulator({ port: 0, ...opts })).rejects.toThrow(name);
  });
});
