import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

const real = {
  AXIALYS_URL: 'https://api.axialys.com',
  AXIALYS_USER: 'u',
  AXIALYS_PASSWORD: 'secret-pw',
  VIGIE_AUTH: 'off',
};

describe('config', () => {
  it('defaults to the embedded simulator with the documented values, frozen', () => {
    const c = loadConfig({});
    expect(c.axialys.url).toBeNull();
    expect(c.axialys.timeZone).toBe('Europe/Paris');
    expect(c.http).toEqual({ port: 8080, host: '0.0.0.0', trustProxy: false });
    expect(c.auth.mode).toBe('demo');
    expect(c.poll).toEqual({
      operatorsMs: 30000,
      groupsMs: 15000,
      directoryMs: 600000,
      allowFast: false,
      realtimeMaxPerMin: 30,
      fastStates: { enabled: false, maxPerMin: 150 },
    });
    expect(c.serviceLevel).toEqual({
      answeredWithinSeconds: 45,
      abandonedWithinSeconds: 5,
      maxPairs: 4,
      fromEnv: [],
    });
    expect(c.thresholds.longestWaitSeconds).toEqual({ warning: 60, critical: 180 });
    expect(c.thresholds.waiting).toEqual({ warning: 3, critical: 8 });
    expect(c.sse.heartbeatMs).toBe(15000);
    expect(c.embeddedSim.clock).toBe('business');
    expect(loadConfig({ SIM_CLOCK: 'REAL' }).embeddedSim.clock).toBe('real');
    expect(c.axialys.timeoutMs).toBe(10000);
    expect(Object.isFrozen(c) && Object.isFrozen(c.poll)).toBe(true);
  });

  it.each([
    [{ POLL_OPERATORS_MS: '10000' }, 'POLL_OPERATORS_MS'],
    [{ POLL_OPERATORS_MS: 'fast' }, 'POLL_OPERATORS_MS'],
    [{ PORT: '70000' }, 'PORT'],
    [{ AXIALYS_TIMEZONE: 'Mars/Olympus' }, 'AXIALYS_TIMEZONE'],
    [{ THRESHOLD_WAITING: '3' }, 'THRESHOLD_WAITING'],
    [{ THRESHOLD_LONGEST_WAIT_S: 'a,b' }, 'THRESHOLD_LONGEST_WAIT_S'],
    // Critical beyond warning: above for waits and callers, below for percentages.
    [{ THRESHOLD_WAITING: '8,3' }, 'THRESHOLD_WAITING'],
    [{ THRESHOLD_SERVICE_LEVEL_PCT: '60,80' }, 'THRESHOLD_SERVICE_LEVEL_PCT'],
    [{ VIGIE_MAX_SERVICE_LEVEL_PAIRS: '0' }, 'VIGIE_MAX_SERVICE_LEVEL_PAIRS'],
    [{ AXIALYS_URL: 'ftp://x' }, 'AXIALYS_URL'],
    [
      { AXIALYS_URL: 'https://u:p@api.axialys.com', AXIALYS_USER: 'u', AXIALYS_PASSWORD: 'p' },
      'AXIALYS_URL',
    ],
    [{ AXIALYS_URL: 'https://api.axialys.com' }, 'AXIALYS_USER'],
    [{ AXIALYS_URL: 'https://api.axialys.com', AXIALYS_USER: 'u' }, 'AXIALYS_PASSWORD'],
    [{ ALLOW_FAST_POLL: 'perhaps' }, 'ALLOW_FAST_POLL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SIM_SPEED: '-1' }, 'SIM_SPEED'],
    [{ SIM_CLOCK: 'shifted' }, 'SIM_CLOCK'],
    [{ ...real, SIM_CLOCK: 'sometimes' }, 'SIM_CLOCK'],
    [{ SERVICE_LEVEL_ANSWERED_WITHIN_S: '0' }, 'SERVICE_LEVEL_ANSWERED_WITHIN_S'],
    [{ UPSTREAM_TIMEOUT_MS: '0' }, 'UPSTREAM_TIMEOUT_MS'],
    [{ VIGIE_REALTIME_MAX_PER_MIN: '601' }, 'VIGIE_REALTIME_MAX_PER_MIN'],
    [{ VIGIE_REALTIME_MAX_PER_MIN: '-1' }, 'VIGIE_REALTIME_MAX_PER_MIN'],
    [{ VIGIE_REALTIME_MAX_PER_MIN: 'lots' }, 'VIGIE_REALTIME_MAX_PER_MIN'],
    [{ VIGIE_FAST_STATES: 'yes' }, 'VIGIE_FAST_STATES'],
    [{ VIGIE_FAST_STATES: '1' }, 'VIGIE_FAST_STATES'],
    [{ VIGIE_FAST_STATES_MAX_PER_MIN: '0' }, 'VIGIE_FAST_STATES_MAX_PER_MIN'],
    [{ VIGIE_FAST_STATES_MAX_PER_MIN: '6001' }, 'VIGIE_FAST_STATES_MAX_PER_MIN'],
    [{ VIGIE_FAST_STATES_MAX_PER_MIN: 'many' }, 'VIGIE_FAST_STATES_MAX_PER_MIN'],
  ])('refuses %o naming %s', (env, variable) => {
    let err: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(variable);
    expect((err as Error).message.startsWith(`${variable}: expected`)).toBe(true);
  });

  it('allows fast polling only with ALLOW_FAST_POLL=1, and reads a real account', () => {
    expect(loadConfig({ POLL_OPERATORS_MS: '300', ALLOW_FAST_POLL: '1' }).poll.operatorsMs).toBe(
      300,
    );
    const c = loadConfig({ ...real, THRESHOLD_SERVICE_LEVEL_PCT: '85,70' });
    expect(c.axialys).toMatchObject({
      url: 'https://api.axialys.com',
      user: 'u',
      password: 'secret-pw',
    });
    expect(c.thresholds.serviceLevelPercent).toEqual({ warning: 85, critical: 70 });
  });

  it('never echoes a password in its messages', () => {
    expect(() => loadConfig({ ...real, AXIALYS_URL: 'https://u:hunter22@x.example' })).toThrow(
      /AXIALYS_URL/,
    );
    try {
      loadConfig({ ...real, AXIALYS_URL: 'https://u:hunter22@x.example' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter22');
    }
  });

  it('is a single process without REDIS_URL, and a cluster member with it (issue 6)', () => {
    const single = loadConfig(real);
    expect(single.cluster.redisUrl).toBeNull();
    expect(single.cluster.leaseMs).toBe(10_000);
    expect(single.cluster.instanceId).toMatch(/^[\w.:-]+-\d+$/);
    const c = loadConfig({ ...real, REDIS_URL: 'redis://redis:6379', VIGIE_INSTANCE_ID: 'bff-a' });
    expect(c.cluster).toEqual({
      redisUrl: 'redis://redis:6379',
      leaseMs: 10_000,
      instanceId: 'bff-a',
    });
    // The request must fit in half the lease, or fencing would refuse every call.
    expect(c.axialys.timeoutMs).toBe(5_000);
  });

  it('refuses a cluster on the embedded simulator, a bad Redis URL, or a timeout the lease cannot cover', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://r:6379' })).toThrow(/AXIALYS_URL/);
    expect(() => loadConfig({ ...real, REDIS_URL: 'http://r:6379' })).toThrow(/REDIS_URL/);
    // A password in a bad Redis URL is masked in the message.
    expect(() => loadConfig({ ...real, REDIS_URL: 'ftp://:pw-secret@r:6379' })).toThrow(
      /^(?!.*pw-secret).*REDIS_URL/,
    );
    expect(() =>
      loadConfig({
        ...real,
        REDIS_URL: 'redis://r',
        VIGIE_LEASE_MS: '4000',
        UPSTREAM_TIMEOUT_MS: '3000',
      }),
    ).toThrow(/UPSTREAM_TIMEOUT_MS.*2000/);
    expect(() => loadConfig({ ...real, VIGIE_INSTANCE_ID: 'a b' })).toThrow(/VIGIE_INSTANCE_ID/);
  });

  it.each([
    'https://api.axialys.com',
    'https://axialys.com',
    'http://AXIALYS.COM:8443/v1',
    'https://voice.eu.axialys.com.',
  ])('refuses ALLOW_FAST_POLL=1 against the provider itself (%s), naming both variables', (u) => {
    let err: unknown;
    try {
      loadConfig({ ...real, AXIALYS_URL: u, ALLOW_FAST_POLL: '1', POLL_OPERATORS_MS: '300' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('ALLOW_FAST_POLL');
    expect((err as Error).message).toMatch(/^ALLOW_FAST_POLL: expected .*AXIALYS_URL/);
  });

  it('keeps ALLOW_FAST_POLL=1 for any other upstream (simulators, test doubles)', () => {
    for (const u of [
      'http://127.0.0.1:4010',
      'https://notaxialys.com',
      'https://axialys.com.sim.test',
    ]) {
      const c = loadConfig({
        ...real,
        AXIALYS_URL: u,
        ALLOW_FAST_POLL: '1',
        POLL_OPERATORS_MS: '300',
      });
      expect(c.poll).toMatchObject({ allowFast: true, operatorsMs: 300 });
    }
  });

  it('caps sliding sessions at VIGIE_SESSION_MAX_H (default 7 days, never under the TTL)', () => {
    expect(loadConfig(real).auth.sessionMaxMs).toBe(168 * 3_600_000);
    expect(loadConfig({ ...real, VIGIE_SESSION_MAX_H: '24' }).auth.sessionMaxMs).toBe(
      24 * 3_600_000,
    );
    // A TTL above the default cap raises the default, so an existing setting keeps working.
    expect(loadConfig({ ...real, VIGIE_SESSION_TTL_H: '200' }).auth.sessionMaxMs).toBe(
      200 * 3_600_000,
    );
    for (const bad of ['0', 'week', '-3', '99999']) {
      expect(() => loadConfig({ ...real, VIGIE_SESSION_MAX_H: bad })).toThrow(
        /^VIGIE_SESSION_MAX_H: expected/,
      );
    }
    expect(() =>
      loadConfig({ ...real, VIGIE_SESSION_TTL_H: '12', VIGIE_SESSION_MAX_H: '6' }),
    ).toThrow(/^VIGIE_SESSION_MAX_H: expected .*VIGIE_SESSION_TTL_H/);
  });

  it('reads VIGIE_REALTIME_MAX_PER_MIN from 0 (off) to 600', () => {
    expect(loadConfig({ VIGIE_REALTIME_MAX_PER_MIN: '0' }).poll.realtimeMaxPerMin).toBe(0);
    expect(loadConfig({ VIGIE_REALTIME_MAX_PER_MIN: '600' }).poll.realtimeMaxPerMin).toBe(600);
  });

  it('keeps VIGIE_FAST_STATES off by default (an upstream cost), 60 calls a minute when on', () => {
    expect(loadConfig({}).poll.fastStates).toEqual({ enabled: false, maxPerMin: 150 });
    expect(
      loadConfig({ VIGIE_FAST_STATES: 'ON', VIGIE_FAST_STATES_MAX_PER_MIN: '120' }).poll.fastStates,
    ).toEqual({ enabled: true, maxPerMin: 120 });
    expect(loadConfig({ VIGIE_FAST_STATES: 'off' }).poll.fastStates.enabled).toBe(false);
  });

  it('reads VIGIE_PUBLIC_URL as an origin, and refuses anything else naming it', () => {
    expect(loadConfig(real).auth.publicOrigin).toBeNull();
    expect(
      loadConfig({ ...real, VIGIE_PUBLIC_URL: 'https://Wall.Example.com/' }).auth.publicOrigin,
    ).toBe('https://wall.example.com');
    for (const bad of [
      'wall.example.com',
      'ftp://wall.example.com',
      'https://u:p@wall.example.com',
    ]) {
      expect(() => loadConfig({ ...real, VIGIE_PUBLIC_URL: bad })).toThrow(/^VIGIE_PUBLIC_URL:/);
    }
  });
});
