// Runs in the page before the SPA: times each snapshot or patch from its dispatch to the frame that shows it.

interface ApplyTiming {
  /** The app's own listener (JSON.parse, cache write, any synchronous render). */
  handlerMs: number;
  /** Until the first DOM mutation after dispatch (React's commit); null if none within 2 s. */
  commitMs: number | null;
  /** Until the task after the next animation frame following the commit: the update is on screen. */
  paintedMs: number | null;
  /**
   * Until the mutations of the commit that draws this update (the wall's `data-seq` changes in it;
   * React commits in one task): a ticking counter alone does not count. Null if none within 2 s.
   */
  boardMs: number | null;
}

export interface BenchState {
  arrivals: number;
  measure: boolean;
  timings: ApplyTiming[];
  longTasks: number[];
}

/**
 * Wraps EventSource's `snapshot` listeners. Plain JavaScript in a string: a function passed to the
 * browser would carry the TypeScript runner's helpers (`__name`), which the page does not have.
 */
export const INSTRUMENT_JS = `(() => {
  const state = { arrivals: 0, measure: false, timings: [], longTasks: [] };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const original = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, listener, options) {
    if ((type !== 'snapshot' && type !== 'patch') || typeof listener !== 'function')
      return original.call(this, type, listener, options);
    const wrapped = function (ev) {
      state.arrivals += 1;
      if (!state.measure) return listener.call(this, ev);
      const t0 = performance.now();
      const root = document.getElementById('root') || document.body;
      const timing = { handlerMs: 0, commitMs: null, paintedMs: null, boardMs: null };
      let finished = false;
      const done = () => {
        if (finished || (timing.commitMs !== null && timing.boardMs === null && performance.now() - t0 < 2000)) return;
        finished = true;
        observer.disconnect();
        clearTimeout(giveUp);
        state.timings.push(timing);
      };
      const isTile = (r) => r.type === 'attributes' && r.attributeName === 'data-seq';
      const observer = new MutationObserver((records) => {
        const now = performance.now() - t0;
        if (timing.boardMs === null && records.some(isTile)) {
          timing.boardMs = now;
          if (timing.paintedMs !== null) done();
        }
        if (timing.commitMs !== null) return;
        timing.commitMs = now;
        requestAnimationFrame(() => setTimeout(() => { timing.paintedMs = performance.now() - t0; done(); }, 0));
      });
      const giveUp = setTimeout(done, 2000);
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      listener.call(this, ev);
      timing.handlerMs = performance.now() - t0;
    };
    return original.call(this, type, wrapped, options);
  };
})();`;
