// The board and the URL's parameters merged (issue 13 §1): the URL wins for that page load, an
// unknown URL value leaves the board's; and where each of the board's panels goes.
import type { BoardFields } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { panelPlaces } from './panels';
import { DEFAULT_PANELS, parseWallSettings, wallView } from './settings';

const BOARD: BoardFields = {
  name: 'Support',
  groups: [102, 104],
  panels: ['operators', 'queues', 'ticker'],
  density: 'large',
  rotationS: 45,
  theme: 'light',
  loggedOut: 'show',
  sound: true,
};

describe('wall board and URL parameters', () => {
  it('draws the board as it says when the URL says nothing', () => {
    expect(wallView(BOARD, new URLSearchParams(''))).toEqual({
      settings: {
        groups: [102, 104],
        rotateSeconds: 45,
        shift: true,
        sound: true,
        density: 'large',
        loggedOut: 'show',
      },
      panels: ['operators', 'queues', 'ticker'],
      theme: 'light',
    });
  });

  it('lets each URL parameter win for the page load, and only the valid ones', () => {
    const v = wallView(
      BOARD,
      new URLSearchParams('groups=101&rotate=0&density=compact&loggedOut=count&sound=0'),
    );
    expect(v.settings).toEqual({
      groups: [101],
      rotateSeconds: 0,
      shift: true,
      sound: false,
      density: 'compact',
      loggedOut: 'collapse',
    });
    // The board's panels and theme are not URL matters.
    expect(v.panels).toEqual(BOARD.panels);
    expect(v.theme).toBe('light');
    // Mistyped values: the board's stand (a TV's address is typed once).
    const typo = wallView(
      BOARD,
      new URLSearchParams('groups=x&rotate=-3&density=huge&loggedOut=maybe&rotate='),
    );
    expect(typo.settings).toEqual(wallView(BOARD, new URLSearchParams('')).settings);
  });

  it('reads `auto` density as today’s fit, every group as null, and no board as today’s wall', () => {
    const all = wallView({ ...BOARD, groups: [], density: 'auto' }, new URLSearchParams(''));
    expect(all.settings.groups).toBeNull();
    expect(all.settings.density).toBe('normal');
    const none = wallView(null, new URLSearchParams('density=large'));
    expect(none).toEqual({
      settings: parseWallSettings(new URLSearchParams('density=large')),
      panels: DEFAULT_PANELS,
      theme: 'dark',
    });
  });
});

describe('wall panel places', () => {
  it('puts today’s wall in today’s order: strip, queues, tiles, then the ticker under them', () => {
    const p = panelPlaces(DEFAULT_PANELS);
    expect([p.clock, p.kpis, p.staffing]).toEqual([true, true, true]);
    expect(p.alerts! < p.queues! && p.queues! < p.operators!).toBe(true);
    expect(p.upper).toBe(p.alerts);
    expect(p.outerOrder('alerts')).toBeLessThan(p.body);
    expect(p.outerOrder('ticker')).toBeGreaterThan(p.body);
  });

  it('follows another order and leaves out what the board does not name', () => {
    const p = panelPlaces(['ticker', 'operators', 'alerts', 'queues']);
    expect([p.clock, p.kpis, p.staffing]).toEqual([false, false, false]);
    expect(p.operators! < p.upper).toBe(true);
    expect(p.alerts! < p.queues!).toBe(true);
    expect(p.outerOrder('ticker')).toBeLessThan(p.body);
    // Beside the tiles (two queues or fewer), the strip is a row of its own, after them here.
    expect(p.outerOrder('alerts')).toBeGreaterThan(p.body);
    const bare = panelPlaces(['operators']);
    expect([bare.alerts, bare.queues, bare.ticker]).toEqual([null, null, null]);
  });
});
