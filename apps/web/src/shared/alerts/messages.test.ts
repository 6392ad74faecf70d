import type { Alert } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { alertMessage, type MessageContext } from './messages';

const ctx = (lang: 'en' | 'fr'): MessageContext => ({
  lang,
  groupName: (id) => ({ '12': 'Support' })[id],
  operatorName: (id) => ({ '1010': 'Julie Martin' })[id],
});

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a1',
  rule: 'r1',
  kind: 'queue-unattended',
  severity: 'critical',
  subject: { kind: 'group', id: '12' },
  since: '2026-03-02T09:00:00Z',
  figures: {},
  ...over,
});

// French numbers use a narrow no-break space before % (Intl); compare on plain spaces.
const say = (a: Alert, lang: 'en' | 'fr') =>
  alertMessage(a, ctx(lang)).replace(/[\u202f\u00a0]/g, ' ');

describe('alert messages', () => {
  it('words callers waiting with nobody available, with plurals', () => {
    const a = alert({ figures: { waiting: 4, longestWaitSeconds: 80, available: 0 } });
    expect(say(a, 'en')).toBe('Support: 4 callers waiting, nobody available');
    expect(say(a, 'fr')).toBe('Support : 4 appelants en attente, personne de disponible');
    const one = alert({ figures: { waiting: 1 } });
    expect(say(one, 'en')).toBe('Support: 1 caller waiting, nobody available');
    expect(say(one, 'fr')).toBe('Support : 1 appelant en attente, personne de disponible');
  });

  it('words the longest wait against its limit', () => {
    const a = alert({
      kind: 'longest-wait',
      figures: { longestWaitSeconds: 252, limit: 180, waiting: 2 },
    });
    expect(say(a, 'en')).toBe('Support: max wait today 4:12 (limit 3:00)');
    expect(say(a, 'fr')).toBe('Support : attente max. du jour 4 min 12 s (seuil 3 min 00 s)');
  });

  it('words a longest wait raised on the live figure (guide 4.2) as the wait now', () => {
    const a = alert({
      kind: 'longest-wait',
      figures: {
        longestWaitSeconds: 95,
        limit: 60,
        waiting: 3,
        oldestSince: '2026-11-27T10:00:00.000Z',
      },
    });
    expect(say(a, 'en')).toBe('Support: waiting now 1:35 (limit 1:00)');
    expect(say(a, 'fr')).toBe('Support : attente en cours 1 min 35 s (seuil 1 min 00 s)');
  });

  it('words the service level and the answered rate over their window', () => {
    const sl = alert({
      kind: 'service-level',
      severity: 'warning',
      figures: { serviceLevelPercent: 62.4, limit: 80, windowSeconds: 900, samples: 60 },
    });
    expect(say(sl, 'en')).toBe('Support: service level 62% over 15 min (below 80%)');
    expect(say(sl, 'fr')).toBe('Support : niveau de service 62 % sur 15 min (sous 80 %)');
    const ar = alert({
      kind: 'answered-rate',
      figures: { answeredPercent: 71, limit: 90, windowSeconds: 600, samples: 40 },
    });
    expect(say(ar, 'en')).toBe('Support: answered 71% over 10 min (below 90%)');
    expect(say(ar, 'fr')).toBe('Support : décroché 71 % sur 10 min (sous 90 %)');
  });

  it('never contradicts itself: the shown % stays under the limit it is compared with', () => {
    const at = (answeredPercent: number, limit = 90) =>
      say(
        alert({
          kind: 'answered-rate',
          figures: { answeredPercent, limit, windowSeconds: 900, samples: 60 },
        }),
        'en',
      );
    expect(at(89.6)).toBe('Support: answered 89.6% over 15 min (below 90%)');
    expect(at(89.9)).toBe('Support: answered 89.9% over 15 min (below 90%)');
    expect(at(89.4)).toBe('Support: answered 89% over 15 min (below 90%)');
    expect(at(79.96, 80)).toBe('Support: answered 79.96% over 15 min (below 80%)');
    const fr = say(
      alert({
        kind: 'service-level',
        figures: { serviceLevelPercent: 59.7, limit: 60, windowSeconds: 900, samples: 60 },
      }),
      'fr',
    );
    expect(fr).toBe('Support : niveau de service 59,7 % sur 15 min (sous 60 %)');
  });

  it('words an operator held in a state, a break, and a lower bound', () => {
    const ringing = alert({
      kind: 'operator-state',
      subject: { kind: 'operator', id: '1010' },
      figures: { state: 'ringing', breakName: null, seconds: 252, limit: 60, precision: 'exact' },
    });
    expect(say(ringing, 'en')).toBe('Julie Martin ringing for 4:12');
    expect(say(ringing, 'fr')).toBe('Julie Martin sonne depuis 4 min 12 s');
    const lunch = alert({
      kind: 'operator-state',
      subject: { kind: 'operator', id: '1010' },
      figures: {
        state: 'unavailable',
        breakName: 'Lunch',
        seconds: 3900,
        limit: 3600,
        precision: 'lower-bound',
      },
    });
    expect(say(lunch, 'en')).toBe('Julie Martin on break “Lunch” for at least 1 h 05');
    expect(say(lunch, 'fr')).toBe('Julie Martin en pause « Lunch » depuis au moins 1 h 05 min');
    const calling = alert({
      kind: 'operator-state',
      subject: { kind: 'operator', id: '77' },
      figures: { state: 'calling', seconds: 723 },
    });
    expect(say(calling, 'en')).toBe('Operator 77 calling out for 12:03');
    expect(say(calling, 'fr')).toBe('Opérateur 77 en appel sortant depuis 12 min 03 s');
  });

  it('words stale upstream data by its age, or that nothing came', () => {
    const stale = alert({
      kind: 'upstream-stale',
      subject: { kind: 'upstream', id: 'operators' },
      figures: { ageSeconds: 125.4, pollSeconds: 15, status: 'degraded' },
    });
    expect(say(stale, 'en')).toBe('Operator data from Axialys 2 min old');
    expect(say(stale, 'fr')).toBe('Données opérateurs d’Axialys vieilles de 2 min');
    const never = alert({
      kind: 'upstream-stale',
      subject: { kind: 'upstream', id: 'groups' },
      figures: { ageSeconds: null, pollSeconds: 15, status: 'down' },
    });
    expect(say(never, 'en')).toBe('Queue data: nothing received from Axialys');
    expect(say(never, 'fr')).toBe('Données des files : rien reçu d’Axialys');
  });

  it('names an unknown group by its id and survives missing figures', () => {
    const a = alert({ subject: { kind: 'group', id: '99' }, figures: {} });
    expect(say(a, 'en')).toBe('Group 99: callers waiting, nobody available');
    expect(say(a, 'fr')).toBe('Groupe 99 : des appelants en attente, personne de disponible');
    const lw = alert({ kind: 'longest-wait', figures: { longestWaitSeconds: 'x' } });
    expect(say(lw, 'en')).toBe('Support: wait over the limit');
  });

  it('formats large numbers per locale', () => {
    const a = alert({ figures: { waiting: 1234 } });
    expect(say(a, 'en')).toBe('Support: 1,234 callers waiting, nobody available');
    expect(say(a, 'fr')).toBe('Support : 1 234 appelants en attente, personne de disponible');
  });
});
