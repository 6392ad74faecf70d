// Alert acknowledgements (issue 13 §5): kind `ack`, id = the alert's id. An ack is bound to one
// life of its alert (its `since` is stored): once the alert clears it no longer applies, and the
// pruner removes it, so a later raise (a new id anyway) starts unacknowledged.
import {
  AcknowledgementSchema,
  type Acknowledgement,
  type Alert,
  type Principal,
} from '@vigie/contract';
import Type from 'typebox';
import { alertInScope } from '../auth/principal';
import type { SettingsStore, StoredDoc } from '../history/settings-store';
import { checked, type CheckLog } from '../lib/checked-json';
import { ConflictError } from '../lib/errors';

const StoredAckSchema = Type.Object({
  ...AcknowledgementSchema.properties,
  /** The acknowledged alert's `since`: the ack holds for that life of the alert only. */
  alertSince: Type.String(),
});
export type StoredAck = Type.Static<typeof StoredAckSchema>;

const ackOf = (doc: StoredDoc, log: CheckLog): StoredAck | null =>
  checked(StoredAckSchema, doc.value, log, `ack ${doc.id}`);

/** A stored ack applies while its alert is active in the same life and its snooze has not ended. */
function applies(a: StoredAck, alerts: readonly Alert[], now: number): boolean {
  const alert = alerts.find((x) => x.id === a.alertId);
  if (!alert || alert.since !== a.alertSince) return false;
  return a.until === null || Date.parse(a.until) > now;
}

export const publicAck = (a: StoredAck): Acknowledgement => ({
  alertId: a.alertId,
  by: a.by,
  at: a.at,
  note: a.note,
  until: a.until,
});

/** The acks in force for a viewer: its alerts are the ones it sees (a team lead: its scope). */
export async function acksInForce(
  store: SettingsStore,
  alerts: readonly Alert[],
  viewer: Principal,
  operatorGroups: ReadonlyMap<string, readonly number[]>,
  now: number,
  log: CheckLog,
): Promise<Acknowledgement[]> {
  const groups = viewer.groups === null ? null : new Set(viewer.groups);
  const operators =
    groups === null
      ? new Set<string>()
      : new Set(
          [...operatorGroups].filter(([, gs]) => gs.some((g) => groups.has(g))).map(([id]) => id),
        );
  const out: Acknowledgement[] = [];
  for (const doc of await store.list('ack')) {
    const a = ackOf(doc, log);
    if (!a || !applies(a, alerts, now)) continue;
    const alert = alerts.find((x) => x.id === a.alertId);
    if (groups !== null && alert && !alertInScope(alert.subject, groups, operators)) continue;
    out.push(publicAck(a));
  }
  return out;
}

/**
 * Removes the acks whose alert life is over (cleared, or raised again since). Another instance may
 * prune the same one first: its 409 is that, not a failure.
 */
export async function pruneAcks(
  store: SettingsStore,
  alerts: readonly Alert[],
  now: number,
  log: CheckLog,
): Promise<number> {
  const gone = (await store.list('ack')).filter((d) => {
    const a = ackOf(d, log);
    const alert = a ? alerts.find((x) => x.id === a.alertId) : undefined;
    return !a || !alert || alert.since !== a.alertSince;
  });
  if (gone.length === 0) return 0;
  try {
    await store.write(
      gone.map((d) => ({ kind: 'ack' as const, id: d.id, value: null, expected: d.version })),
      'vigie',
      now,
    );
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    return 0;
  }
  return gone.length;
}
