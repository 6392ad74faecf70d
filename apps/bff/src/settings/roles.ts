// Who may change what supervisors shape in the browser (issue 13): supervisors everything, team
// leads boards and tickers that involve only their groups, displays nothing. Checked server-side.
import type { Principal } from '@vigie/contract';
import { OPEN_PRINCIPAL } from '../auth/principal';
import { ForbiddenError } from '../lib/errors';

/** The name the audit records: the person, or "demo" on the open demo, or "anonymous" when open. */
export function actorOf(p: Principal, demo: boolean): string {
  if (p.kind === 'open') return demo ? 'demo' : 'anonymous';
  return p.name;
}

/** Only a supervisor (or the open modes, whose principal is a supervisor). */
export function mustBeSupervisor(p: Principal, what: string): void {
  if (p.role !== 'supervisor') throw new ForbiddenError(`only a supervisor may ${what}`);
}

/**
 * A team lead may act on something that involves only their groups; `groups` empty means every
 * group (so only a supervisor). Displays never change anything.
 */
export function mustCoverGroups(p: Principal, groups: readonly number[], what: string): void {
  if (p.role === 'display') throw new ForbiddenError(`a display may not ${what}`);
  if (p.groups === null) return;
  if (groups.length === 0)
    throw new ForbiddenError(`only a supervisor may ${what} for every group`);
  const outside = groups.filter((g) => !p.groups?.includes(g));
  if (outside.length > 0)
    throw new ForbiddenError(
      `group ${outside.join(', ')} is outside your groups: you may not ${what}`,
    );
}

/** The principal of a route past the access hook (set there; the open modes' when absent). */
export function principalOf(req: { principal: Principal | null }): Principal {
  return req.principal ?? OPEN_PRINCIPAL;
}
