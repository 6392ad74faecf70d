// GET /api/operators/:id: the operator's live detail (guide 3.5), refreshed while the page is open.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OperatorDetail } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

/** The BFF caches op_details upstream for a few seconds, so polling this often is harmless. */
const OPERATOR_REFRESH_MS = 5_000;

function getOperator(id: number, signal?: AbortSignal): Promise<OperatorDetail> {
  return fetchJson<OperatorDetail>(`/api/operators/${id}`, signal ? { signal } : {});
}

const operatorQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['operators', 'detail', id],
    queryFn: ({ signal }) => getOperator(id, signal),
    refetchInterval: OPERATOR_REFRESH_MS,
    staleTime: OPERATOR_REFRESH_MS,
  });

export function useOperator(id: number) {
  return useQuery(operatorQueryOptions(id));
}
