import { describe, expect, it } from 'vitest';
import { ScreenPresence, type SeenEntry, type SharedSeen } from './screen-presence';

/** A hub whose open streams the test sets. */
function hub() {
  let open: { owner: string; address: string; openedAt: number }[] = [];
  return {
    set: (s: typeof open) => (open = s),
    streams: (prefix: string) => open.filter((s) => s.owner.startsWith(prefix)),
  };
}

class MapSeen implements SharedSeen {
  readonly map = new Map<string, SeenEntry>();
  async put(entries: ReadonlyMap<string, SeenEntry>) {
    for (const [k, v] of entries) this.map.set(k, v);
  }
  async all() {
    return new Map(this.map);
  }
}

const log = { warn: () => undefined };

describe('screen presence', () => {
  it('a screen is online while a stream is open, then last seen at the close from its address', async () => {
    const h = hub();
    const p = new ScreenPresence(h, 3000, null, log);
    h.set([{ owner: 'display:tv', address: '10.0.0.7', openedAt: 1000 }]);
    p.update(1000);
    p.update(2000); // a heartbeat
    expect((await p.all(2500)).get('display:tv')).toEqual({
      at: 2000,
      address: '10.0.0.7',
      online: true,
    });
    h.set([]);
    p.update(2600);
    expect((await p.all(9000)).get('display:tv')).toEqual({
      at: 2600,
      address: '10.0.0.7',
      online: false,
    });
  });

  it('people’s streams are not screens', async () => {
    const h = hub();
    const p = new ScreenPresence(h, 3000, null, log);
    h.set([{ owner: 'user:alice', address: '10.0.0.1', openedAt: 1 }]);
    p.update(1);
    expect((await p.all(2)).size).toBe(0);
  });

  it('another instance’s screen is online until its news is older than the stale bound', async () => {
    const shared = new MapSeen();
    const other = hub();
    const mine = hub();
    const there = new ScreenPresence(other, 3000, shared, log);
    const here = new ScreenPresence(mine, 3000, shared, log);
    other.set([{ owner: 'display:tv', address: '10.0.0.9', openedAt: 1000 }]);
    there.update(1000);
    await Promise.resolve();
    expect((await here.all(2000)).get('display:tv')).toMatchObject({
      online: true,
      address: '10.0.0.9',
    });
    // That instance died without a word: not believed past the bound.
    expect((await here.all(5000)).get('display:tv')).toMatchObject({ online: false, at: 1000 });
  });
});
