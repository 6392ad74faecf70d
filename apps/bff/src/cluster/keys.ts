// The Redis key names of one account's cluster, in one place (a hash tag keeps them in one slot).
import { createHash } from 'node:crypto';

export interface ClusterKeys {
  /** The poller's lease: value `<instanceId> <token>`, expires unless renewed. */
  readonly lease: string;
  /** Hash: when the account's last operators_init started and ended, on Redis's clock (guide 3.2). */
  readonly operatorsInit: string;
  /** Counter of cluster-wide snapshot seqs. */
  readonly seq: string;
  /** The latest published snapshot (`<seq>\n<json>`), for new instances and after a reconnect. */
  readonly latest: string;
  /** Pub/sub channel of published snapshots. */
  readonly channel: string;
  /** The groups' trend, written by the leader, read by every instance. */
  readonly trend: string;
  /** Prefix of rate-limit counters (sign-in). */
  readonly rateLimitPrefix: string;
  /** Sorted set: VIGIE_FAST_STATES's upstream calls of the last minute, cluster-wide. */
  readonly fastStatesBudget: string;
  /** Drill-down cache: a value and its fetch lock per key. */
  cacheValue(key: string): string;
  cacheLock(key: string): string;
}

/**
 * One namespace per Axialys account (URL + user), so two boards of two accounts may share a Redis.
 * The `{…}` hash tag puts every key in one slot: the Lua scripts touch several keys at once.
 */
export function clusterNamespace(accountUrl: string, user: string): string {
  // One account, one namespace however its URL is spelt (a trailing slash, the host's case, the
  // default port): two namespaces would elect two leaders and break guide 3.2's 30 s spacing.
  let account = accountUrl;
  try {
    const u = new URL(accountUrl);
    account = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    // Not a URL ('embedded'): taken as it is.
  }
  const id = createHash('sha256').update(`${account}\n${user}`).digest('hex').slice(0, 12);
  return `vigie:{${id}}`;
}

export function clusterKeys(namespace: string): ClusterKeys {
  return Object.freeze({
    lease: `${namespace}:lease`,
    operatorsInit: `${namespace}:operators_init`,
    seq: `${namespace}:snapshot:seq`,
    latest: `${namespace}:snapshot:latest`,
    channel: `${namespace}:snapshot`,
    trend: `${namespace}:trend`,
    rateLimitPrefix: `${namespace}:rl:`,
    fastStatesBudget: `${namespace}:fast_states:budget`,
    cacheValue: (key: string) => `${namespace}:cache:${key}`,
    cacheLock: (key: string) => `${namespace}:lock:${key}`,
  });
}
