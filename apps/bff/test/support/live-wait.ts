// The live oldest wait's own upstream calls, told apart from the others in the simulator's request log.
import type { RequestRecord, RunningSimulator } from '@vigie/axialys-sim';

/**
 * guide 4.2 as the live oldest wait asks it: `include_realtime`, one `group_id`, no period (the
 * drill-down routes and the backfill always send `from_date`).
 */
export function isLiveWaitRequest(r: RequestRecord): boolean {
  if (r.endpoint !== 'stats_groups') return false;
  const q = new URLSearchParams(r.path.split('?')[1] ?? '');
  return q.has('include_realtime') && q.getAll('group_id').length === 1 && !q.has('from_date');
}

/** What the simulator received (GET /sim/requests: the last 500 requests). */
export async function simRequests(sim: Pick<RunningSimulator, 'url'>): Promise<RequestRecord[]> {
  const r = await fetch(`${sim.url}/sim/requests`);
  return ((await r.json()) as { requests: RequestRecord[] }).requests;
}

/** The live-wait calls the simulator received. */
export async function liveWaitRequests(
  sim: Pick<RunningSimulator, 'url'>,
): Promise<RequestRecord[]> {
  return (await simRequests(sim)).filter(isLiveWaitRequest);
}

/** guide 4.2 calls other than the live oldest wait's (drill-downs, backfill). */
export async function otherGroupStatsRequests(
  sim: Pick<RunningSimulator, 'url'>,
): Promise<RequestRecord[]> {
  return (await simRequests(sim)).filter(
    (r) => r.endpoint === 'stats_groups' && !isLiveWaitRequest(r),
  );
}

export const groupOf = (r: RequestRecord): number =>
  Number(new URLSearchParams(r.path.split('?')[1] ?? '').get('group_id'));
