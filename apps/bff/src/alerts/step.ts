// The alerts step of the snapshot's way: the rules evaluated on each build (after staffing, which
// some rules read), the engine's state kept in the history store, and each transition stored once,
// logged and sent to the webhook.
import type { Alert, AlertEvent, Snapshot } from '@vigie/contract';
import type { Rule } from '../config/rules-file';
import { eventId, type HistoryStore } from '../history/history-store';
import { PerTerm } from '../lib/per-term';
import type { SnapshotStep, StepContext } from '../snapshot/pipeline';
import { createAlertEngine, initialAlertState, type AlertState } from './engine';
import type { WebhookSender } from './webhook';

export interface AlertsStepOptions {
  rules: readonly Rule[];
  /** Live oldest waits are asked for (issue 12.4): longest-wait never falls back to the day's maximum. */
  liveWait?: boolean;
  store: Pick<HistoryStore, 'loadAlertState' | 'saveAlertState' | 'addAlertEvents'>;
  write: (what: string, op: () => Promise<unknown>) => void;
  /** The term the state is carried on under (the lease token in a cluster; null alone). */
  term: () => string | null;
  /** True while the board has just started and its sources have not answered yet. */
  warming: (s: Snapshot, now: number) => boolean;
  webhook: WebhookSender | null;
  /** Each transition stored for the first time (the metric of events by type). */
  onEvent: (e: AlertEvent) => void;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export class AlertsStep implements SnapshotStep {
  readonly name = 'alerts';
  private engine;
  private readonly state: PerTerm<AlertState>;

  constructor(private readonly o: AlertsStepOptions) {
    this.engine = createAlertEngine(o.rules, { liveWait: o.liveWait === true });
    this.state = new PerTerm({
      term: o.term,
      load: async () => {
        const state = await o.store.loadAlertState().catch((err: Error) => {
          o.log.warn({ err: err.message }, 'could not read the alert state: starting afresh');
          return null;
        });
        return state ?? initialAlertState();
      },
    });
  }

  /** The rules in force now (the file's, or the ones stored from the browser). */
  get rules(): readonly Rule[] {
    return this.engine.rules;
  }

  /**
   * New rules from the browser (issue 13 §5), used from the next build on. The state carries over:
   * tracks of a rule that is gone clear at once, as when a rules file changes across a restart.
   */
  setRules(rules: readonly Rule[]): void {
    this.engine = createAlertEngine(rules, { liveWait: this.o.liveWait === true });
  }

  /** Single process: the state is read back before the first build. */
  async resume(): Promise<void> {
    await this.state.loadNow();
  }

  apply(s: Snapshot, { now, latest }: StepContext): Snapshot {
    const state = this.state.current();
    // A new leader reading the state back: keep showing the cluster's last alerts meanwhile.
    if (state === null || this.o.warming(s, now))
      return { ...s, alerts: [...(latest?.alerts ?? [])] };
    const result = this.engine.evaluate(state, s, now);
    this.state.set(result.state);
    this.o.write('alert state', () => this.o.store.saveAlertState(result.state));
    if (result.events.length > 0) this.record(result.events);
    return { ...s, alerts: result.alerts as Alert[] };
  }

  private record(events: AlertEvent[]): void {
    this.o.write('alert events', async () => {
      const fresh = await this.o.store.addAlertEvents(events);
      for (const e of fresh) {
        this.o.onEvent(e);
        this.o.log.info(
          { alert: e.alert.id, rule: e.alert.rule, subject: e.alert.subject, type: e.type },
          `alert ${e.type}`,
        );
        this.o.webhook?.enqueue(e, eventId(e));
      }
    });
  }
}
