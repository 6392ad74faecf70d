// GET /api/queues, PUT /api/queues/:id, DELETE /api/queues/:id?version= (issue 13 §3). Keyed under
// ['settings', 'queue']: a `settings` stream event refetches it within ~100 ms, on every page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueuePutBody, QueueRow, QueuesReply } from '@vigie/contract';
import { fetchJson } from '../../shared/api';
import { settingsQueryKey } from '../../shared/live';

const queuesKey = [...settingsQueryKey('queue'), 'list'] as const;

export function useQueues() {
  return useQuery({
    queryKey: queuesKey,
    queryFn: ({ signal }) => fetchJson<QueuesReply>('/api/queues', { signal }),
  });
}

/** Saves or resets one queue; afterwards the list is read again (the stream event may be later). */
export function useQueueChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      change: { id: number; put: QueuePutBody } | { id: number; reset: number },
    ): Promise<QueueRow> =>
      'put' in change
        ? fetchJson<QueueRow>(`/api/queues/${change.id}`, { method: 'PUT', body: change.put })
        : fetchJson<QueueRow>(`/api/queues/${change.id}`, {
            method: 'DELETE',
            query: { version: change.reset },
          }),
    onSettled: () => client.invalidateQueries({ queryKey: queuesKey }),
  });
}
