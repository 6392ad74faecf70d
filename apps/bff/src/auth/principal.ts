// Who is asking (the contract's Principal) and what they may see: scope checks and the per-scope snapshot filter.
import type { AlertSubject, Principal, Snapshot } from '@vigie/contract';

export type { Principal };

/** Everyone is this principal when access control is off (VIGIE_AUTH=off) or in the demo. */
export const OPEN_PRINCIPAL: Principal = Object.freeze({
  kind: 'open',
  name: 'anonymous',
  role: 'supervisor',
  groups: null,
}) as Principal;

/** The distinct scopes share one serialised snapshot: `all`, or the sorted group ids. */
export function scopeKey(groups: readonly number[] | null): string {
  return groups === null ? 'all' : `g:${[...groups].sort((a, b) => a - b).join(',')}`;
}

export function canSeeGroup(p: Principal, id: number): boolean {
  return p.groups === null || p.groups.includes(id);
}

/** An operator is in scope when at least one of their groups is. */
export function canSeeOperator(p: Principal, operatorGroups: readonly number[]): boolean {
  return p.groups === null || operatorGroups.some((g) => p.groups?.includes(g));
}

/**
 * Who a stream cap and a drill-down rate limit count against: a person by name; a screen and the
 * open mode by address too, since many TVs (or anyone, when open) share one name.
 */
export function limitKey(p: Principal, address: string): string {
  if (p.kind === 'user') return `user:${p.name}`;
  return `${p.kind}:${p.name}@${address}`;
}

/** What a revocation names: a user or a display (the open principal is never revoked). */
export function ownerKey(p: Principal): string {
  return `${p.kind}:${p.name}`;
}

/**
 * The snapshot a team lead may see: the groups in scope, and the operators in at least one of
 * them, listing only those groups (never a hint of the others).
 */
export function filterSnapshot(s: Snapshot, groups: readonly number[]): Snapshot {
  const allowed = new Set(groups);
  const operators = [];
  for (const o of s.operators) {
    const mine = o.groups.filter((g) => allowed.has(g));
    if (mine.length > 0) operators.push({ ...o, groups: mine });
  }
  const seen = new Set(operators.map((o) => String(o.id)));
  return {
    ...s,
    operators,
    groups: s.groups.filter((g) => allowed.has(g.id)),
    // Alerts about their groups and operators; upstream alerts concern everyone.
    alerts: s.alerts.filter((a) => alertInScope(a.subject, allowed, seen)),
  };
}

/** `operatorIds`: the operators in scope (as strings, like alert subjects). */
export function alertInScope(
  subject: AlertSubject,
  groups: ReadonlySet<number>,
  operatorIds: ReadonlySet<string>,
): boolean {
  if (subject.kind === 'group') return groups.has(Number(subject.id));
  if (subject.kind === 'operator') return operatorIds.has(subject.id);
  return true;
}
