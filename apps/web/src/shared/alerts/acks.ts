// GET /api/alerts/acks: the acknowledgements in force, merged by alert id on the wall and in the
// supervisor view. Keyed under ['settings', 'ack']: the stream's `settings` event refetches it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Acknowledgement, AcksReply } from '@vigie/contract';
import { useMemo } from 'react';
import { fetchJson } from '../api';
import { settingsQueryKey } from '../live/live-provider';
import { useNextInstant } from '../ui/use-next-instant';

const acksQueryOptions = () =>
  queryOptions({
    queryKey: [...settingsQueryKey('ack'), 'in-force'],
    queryFn: ({ signal }) => fetchJson<AcksReply>('/api/alerts/acks', { signal }),
    staleTime: 60_000,
  });

/** An ack is in force until its snooze ends (a timer at `until`: the alert sounds again then). */
/** `enabled`: only while there is an alert to mark (a quiet wall asks nothing: issue 12 §7 bytes). */
export function useAcks(enabled = true): ReadonlyMap<string, Acknowledgement> {
  const { data } = useQuery({ ...acksQueryOptions(), enabled });
  const acks = data?.acks;
  const now = useNextInstant(useMemo(() => (acks ?? []).flatMap((a) => a.until ?? []), [acks]));
  return useMemo(
    () =>
      new Map(
        (acks ?? [])
          .filter((a) => a.until === null || Date.parse(a.until) > now)
          .map((a) => [a.alertId, a]),
      ),
    [acks, now],
  );
}
