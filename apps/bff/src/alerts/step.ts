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
  /** The rules, or where to read them at each build (per-queue limits change at run time). */
  rules: readonly Rule[] | (() => readonly Rule[]);
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
  private engine: ReturnType<typeof createAlertEngine> | null = null;
  private engineRules: readonly Rule[] | null = null;
  private readonly state: PerTerm<AlertState>;

  constructor(private readonly o: AlertsStepOptions) {
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

  /** Single process: the state is read back before the first build. */
  async resume(): Promise<void> {
    await this.state.loadNow();
  }

  apply(s: Snapshot, { now, latest }: StepContext): Snapshot {
    const state = this.state.current();
    // A new leader reading the state back: keep showing the cluster's last alerts meanwhile.
    if (state === null || this.o.warming(s, now))
      return { ...s, alerts: [...(latest?.alerts ?? [])] };
    const result = this.engineFor().evaluate(state, s, now);
    this.state.set(result.state);
    this.o.write('alert state', () => this.o.store.saveAlertState(result.state));
    if (result.events.length > 0) this.record(result.events);
    return { ...s, alerts: result.alerts as Alert[] };
  }

  /** The engine of the rules in force (same rule ids: the state's tracks carry on). */
  private engineFor(): ReturnType<typeof createAlertEngine> {
    const rules = typeof this.o.rules === 'function' ? this.o.rules() : this.o.rules;
    if (this.engine === null || rules !== this.engineRules) {
      this.engine = createAlertEngine(rules, { liveWait: this.o.liveWait === true });
      this.engineRules = rules;
    }
    return this.engine;
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
