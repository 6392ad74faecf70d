// GET/PUT/DELETE /api/rules: the alert rules in force and the browser's override of the file.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RulesPutBody, RulesReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';
import { settingsQueryKey } from '../../../shared/live';

const rulesQueryOptions = () =>
  queryOptions({
    queryKey: [...settingsQueryKey('rules'), 'in-force'],
    queryFn: ({ signal }) => fetchJson<RulesReply>('/api/rules', { signal }),
    // A team lead gets 403: no retry loop for that.
    retry: false,
  });

export function useRules() {
  return useQuery(rulesQueryOptions());
}

export function useSaveRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RulesPutBody) =>
      fetchJson<RulesReply>('/api/rules', { method: 'PUT', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsQueryKey('rules') }),
  });
}

export function useResetRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      fetchJson<undefined>('/api/rules', { method: 'DELETE', query: { version } }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsQueryKey('rules') }),
  });
}
