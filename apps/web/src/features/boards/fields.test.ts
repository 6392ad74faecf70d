import { describe, expect, it } from 'vitest';
import { move, panelOrder, PANELS } from './fields';

describe('board panels in the editor', () => {
  it('lists the shown panels in their order, then the hidden ones in the default order', () => {
    expect(panelOrder(['alerts', 'queues'])).toEqual([
      'alerts',
      'queues',
      'kpis',
      'operators',
      'staffing',
      'clock',
      'ticker',
    ]);
    expect(panelOrder([...PANELS])).toEqual(PANELS);
  });

  it('moves a panel one place up or down, and not past either end', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
