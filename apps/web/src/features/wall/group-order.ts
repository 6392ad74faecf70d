// The queue panels' order held still on the TV (issue 12.3): a new order is taken when a panel's
// severity changes (or a group comes or goes), else at most once per `holdMs`; never back and forth.
import { useMemo, useState } from 'react';

export interface HeldOrder {
  /** Group ids in the order shown. */
  ids: readonly number[];
  /** Each shown group's severity when the order was taken, e.g. `101:critical`. */
  signature: string;
  /** When the order was taken (ms). */
  at: number;
}

const ORDER_HOLD_MS = 60_000;

/**
 * `ranked` is the order wanted now, `severityOf` the panel's severity; returns the order to show and
 * what to hold. Pure, so the wall and its tests share it.
 */
export function stableOrder<T>(
  held: HeldOrder | null,
  ranked: readonly T[],
  idOf: (item: T) => number,
  severityOf: (item: T) => string,
  now: number,
  holdMs = ORDER_HOLD_MS,
): { items: readonly T[]; held: HeldOrder } {
  const signature = [...ranked]
    .map((r) => `${idOf(r)}:${severityOf(r)}`)
    .sort()
    .join(',');
  if (held === null || held.signature !== signature || now - held.at >= holdMs) {
    return { items: ranked, held: { ids: ranked.map(idOf), signature, at: now } };
  }
  const place = new Map(held.ids.map((id, i) => [id, i]));
  const items = [...ranked].sort((a, b) => place.get(idOf(a))! - place.get(idOf(b))!);
  return { items, held };
}

/**
 * `stableOrder` kept across renders; `now` is the snapshot's time, so the order moves only with the
 * figures (and a render is pure).
 */
export function useStableOrder<T>(
  ranked: readonly T[],
  idOf: (item: T) => number,
  severityOf: (item: T) => string,
  now: number,
): readonly T[] {
  const [held, setHeld] = useState<HeldOrder | null>(null);
  const next = useMemo(
    () => stableOrder(held, ranked, idOf, severityOf, now),
    [held, ranked, idOf, severityOf, now],
  );
  // Stored during render, React's pattern for state derived from the previous render.
  if (next.held !== held) setHeld(next.held);
  return next.items;
}
