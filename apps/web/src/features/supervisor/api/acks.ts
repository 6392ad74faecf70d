// POST/DELETE /api/alerts/:id/ack: acknowledge an active alert (a note, a snooze) or withdraw it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AckFields, Acknowledgement } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';
import { settingsQueryKey } from '../../../shared/live';

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AckFields }) =>
      fetchJson<Acknowledgement>(`/api/alerts/${encodeURIComponent(id)}/ack`, {
        method: 'POST',
        body,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsQueryKey('ack') }),
  });
}

export function useUnacknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<undefined>(`/api/alerts/${encodeURIComponent(id)}/ack`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsQueryKey('ack') }),
  });
}
