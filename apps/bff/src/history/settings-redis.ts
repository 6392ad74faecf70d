// The settings in the cluster's Redis: one hash of documents, the audit as a capped list, and a
// channel that tells every instance of a change at once (no instance is special for it).
import type { AuditEntry, SettingsKind } from '@vigie/contract';
import type { Redis } from 'ioredis';
import { LuaScript } from '../cluster';
import { ConflictError } from '../lib/errors';
import {
  ChangeFeed,
  conflict,
  kindsOf,
  type AuditQuery,
  type DocWrite,
  type SettingsChange,
  type SettingsStore,
  type StoredDoc,
} from './settings-store';

/** The audit keeps this many entries in a cluster (SQLite keeps every one). */
const AUDIT_CAP = 10_000;

/**
 * KEYS: documents hash, audit list, audit seq, change channel.
 * ARGV: write count, ISO instant, actor (JSON string), action ('' or 'import'), change message, cap;
 * then per write: hash field, expected ('new', 'any' or a version), `"kind":…,"id":…` fragment,
 * value JSON ('' deletes), audit JSON.
 * A record is `version \n updatedAt \n actor JSON \n value JSON \n audit JSON`: JSON never holds a raw
 * newline, and nothing is decoded here (Lua's cjson would turn [] into {} and round big numbers).
 * Checks every version first, then writes: all or nothing.
 */
const WRITE = new LuaScript(
  `local n = tonumber(ARGV[1])
local function parts(rec)
  local out = {}
  for p in string.gmatch(rec, '([^\\n]*)\\n?') do out[#out + 1] = p end
  return out
end
for i = 0, n - 1 do
  local b = 7 + i * 5
  local cur = redis.call('HGET', KEYS[1], ARGV[b])
  local curv = cur and tonumber(string.match(cur, '^(%d+)')) or nil
  local exp = ARGV[b + 1]
  if exp == 'new' then
    if cur then return {'conflict', i, curv} end
  elseif exp ~= 'any' then
    if curv ~= tonumber(exp) then return {'conflict', i, curv or -1} end
  end
end
local versions = {}
for i = 0, n - 1 do
  local b = 7 + i * 5
  local cur = redis.call('HGET', KEYS[1], ARGV[b])
  local before = 'null'
  local version = 1
  if cur then
    local p = parts(cur)
    version = tonumber(p[1]) + 1
    before = p[5]
  end
  local action = ARGV[4]
  if action == '' then
    if ARGV[b + 3] == '' then action = 'delete' elseif cur then action = 'update' else action = 'create' end
  end
  local after = 'null'
  if ARGV[b + 3] == '' then
    redis.call('HDEL', KEYS[1], ARGV[b])
  else
    after = ARGV[b + 4]
    redis.call('HSET', KEYS[1], ARGV[b], version .. '\\n' .. ARGV[2] .. '\\n' .. ARGV[3] .. '\\n' .. ARGV[b + 3] .. '\\n' .. after)
  end
  local seq = redis.call('INCR', KEYS[3])
  redis.call('LPUSH', KEYS[2], '{"seq":' .. seq .. ',"at":"' .. ARGV[2] .. '","actor":' .. ARGV[3] .. ',' .. ARGV[b + 2] .. ',"action":"' .. action .. '","before":' .. before .. ',"after":' .. after .. '}')
  versions[#versions + 1] = version
end
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)
redis.call('PUBLISH', KEYS[4], ARGV[5])
return {'ok', unpack(versions)}`,
  4,
);

export interface RedisSettingsOptions {
  /** The cluster's command connection. */
  redis: Redis;
  /** A connection in subscriber mode (the store closes it). */
  subscriber: Redis;
  /** The account's cluster namespace (`vigie:{…}`). */
  namespace: string;
  /** This instance: a change it made itself is told at once, not again when the channel echoes it. */
  instanceId: string;
  onError?: (err: Error) => void;
}

type Reply = (string | number | null)[];

export class RedisSettingsStore implements SettingsStore {
  readonly kind = 'redis' as const;
  private readonly feed = new ChangeFeed();
  private readonly keys: { docs: string; audit: string; seq: string; channel: string };

  constructor(private readonly o: RedisSettingsOptions) {
    const ns = o.namespace;
    this.keys = {
      docs: `${ns}:settings:docs`,
      audit: `${ns}:settings:audit`,
      seq: `${ns}:settings:seq`,
      channel: `${ns}:settings:changes`,
    };
    o.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.keys.channel) return;
      try {
        const m = JSON.parse(message) as { from: string; kinds: SettingsKind[] };
        if (m.from !== o.instanceId) this.feed.emit({ kinds: m.kinds });
      } catch {
        // not ours
      }
    });
    o.subscriber.subscribe(this.keys.channel).catch((err: Error) => o.onError?.(err));
  }

  private parse(field: string, rec: string): StoredDoc {
    const [version = '0', updatedAt = '', actor = '""', value = 'null'] = rec.split('\n');
    const sep = field.indexOf(':');
    return {
      kind: field.slice(0, sep) as SettingsKind,
      id: field.slice(sep + 1),
      version: Number(version),
      updatedAt,
      updatedBy: JSON.parse(actor) as string,
      value: JSON.parse(value) as unknown,
    };
  }

  async list(kind: SettingsKind) {
    const all = await this.o.redis.hgetall(this.keys.docs);
    return Object.entries(all)
      .filter(([f]) => f.startsWith(`${kind}:`))
      .map(([f, rec]) => this.parse(f, rec))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(kind: SettingsKind, id: string) {
    const field = `${kind}:${id}`;
    const rec = await this.o.redis.hget(this.keys.docs, field);
    return rec === null ? null : this.parse(field, rec);
  }

  async write(writes: readonly DocWrite[], actor: string, at: number, action?: 'import') {
    const iso = new Date(at).toISOString();
    const kinds = kindsOf(writes);
    const args: (string | number)[] = [
      writes.length,
      iso,
      JSON.stringify(actor),
      action ?? '',
      JSON.stringify({ from: this.o.instanceId, kinds }),
      AUDIT_CAP,
    ];
    for (const w of writes)
      args.push(
        `${w.kind}:${w.id}`,
        w.expected === null ? 'new' : String(w.expected),
        `"kind":${JSON.stringify(w.kind)},"id":${JSON.stringify(w.id)}`,
        w.value === null ? '' : JSON.stringify(w.value),
        w.value === null ? '' : JSON.stringify(w.audit ?? w.value),
      );
    const reply = (await WRITE.run(
      this.o.redis,
      [this.keys.docs, this.keys.audit, this.keys.seq, this.keys.channel],
      args,
    )) as Reply;
    if (reply[0] === 'conflict') {
      const w = writes[Number(reply[1])];
      const current = reply[2] === null || reply[2] === -1 ? null : Number(reply[2]);
      if (!w) throw new ConflictError('a settings write conflicted', current);
      throw conflict(w, current);
    }
    const versions = reply.slice(1).map(Number);
    if (writes.length > 0) this.feed.emit({ kinds });
    return writes.map((w, i) => ({
      kind: w.kind,
      id: w.id,
      version: versions[i] ?? 1,
      updatedAt: iso,
      updatedBy: actor,
      value: w.value,
    }));
  }

  async audit(q: AuditQuery) {
    const texts = await this.o.redis.lrange(this.keys.audit, 0, AUDIT_CAP - 1);
    const out: AuditEntry[] = [];
    for (const t of texts) {
      const e = JSON.parse(t) as AuditEntry;
      if (q.beforeSeq !== undefined && e.seq >= q.beforeSeq) continue;
      if (q.kind && e.kind !== q.kind) continue;
      out.push(e);
      if (out.length >= q.limit) break;
    }
    return out;
  }

  onChange(listener: (c: SettingsChange) => void) {
    return this.feed.on(listener);
  }

  async close() {
    this.o.subscriber.disconnect(false);
  }
}
