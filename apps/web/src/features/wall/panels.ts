// Where each of a board's panels goes (issue 13 §1): the header keeps its one fixed row (clock and
// the state counts, the "KPIs row"), the rest is placed by CSS order, so the fit of issue 12 still
// measures the same boxes whatever the order.
import type { BoardPanel } from '@vigie/contract';

/** The body's place among the wall's rows: a full-width band goes before (1) or after (3) it. */
const BODY_ORDER = 2;

export interface PanelPlaces {
  clock: boolean;
  kpis: boolean;
  /** The staffing line of each queue panel. */
  staffing: boolean;
  /** CSS order of each block, null when the board leaves it out. */
  alerts: number | null;
  queues: number | null;
  operators: number | null;
  ticker: number | null;
  /** Order of the block the alerts and queue panels share (measured as one by the fit). */
  upper: number;
  body: number;
  /** Order of a full-width band among the wall's rows: before the body or after it. */
  outerOrder: (panel: 'alerts' | 'ticker') => number;
}

export function panelPlaces(panels: readonly BoardPanel[]): PanelPlaces {
  const at = (p: BoardPanel): number | null => {
    const i = panels.indexOf(p);
    return i < 0 ? null : i;
  };
  const present = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const alerts = at('alerts');
  const queues = at('queues');
  const operators = at('operators');
  const firstBody = Math.min(...present([queues, operators]), Infinity);
  const upper = present([alerts, queues]);
  return {
    clock: at('clock') !== null,
    kpis: at('kpis') !== null,
    staffing: at('staffing') !== null,
    alerts,
    queues,
    operators,
    ticker: at('ticker'),
    upper: upper.length > 0 ? Math.min(...upper) : 0,
    body: BODY_ORDER,
    outerOrder: (panel) => ((at(panel) ?? Infinity) < firstBody ? BODY_ORDER - 1 : BODY_ORDER + 1),
  };
}
