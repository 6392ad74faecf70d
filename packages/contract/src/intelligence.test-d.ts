import { expectTypeOf, test } from 'vitest';
import type { Alert, AlertsReply, CoverageHour, CoverageReply, Snapshot } from './index';

test('the snapshot carries the active alerts and a staffing per group', () => {
  expectTypeOf<Snapshot['alerts']>().toEqualTypeOf<Alert[]>();
  expectTypeOf<Snapshot['groups'][number]['staffing']['agentsNeeded']>().toEqualTypeOf<
    number | null
  >();
});

test('an hour the board did not see is null, never zero; recorded is always a number', () => {
  expectTypeOf<CoverageHour['calls']>().toEqualTypeOf<number | null>();
  expectTypeOf<CoverageHour['operatorsLoggedIn']>().toEqualTypeOf<number | null>();
  expectTypeOf<CoverageHour['recorded']>().toEqualTypeOf<number>();
  expectTypeOf<CoverageReply['hours']>().toEqualTypeOf<CoverageHour[]>();
  // One alert per figure (issue 12.3): its severity changes are events of their own.
  expectTypeOf<AlertsReply['events'][number]['type']>().toEqualTypeOf<
    'raised' | 'escalated' | 'deescalated' | 'cleared'
  >();
});
