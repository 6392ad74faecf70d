import { expectTypeOf, test } from 'vitest';
import type { OperatorState, Snapshot, SnapshotGroup } from './index';

test('snapshot operators carry a state from the closed list', () => {
  expectTypeOf<Snapshot['operators'][number]['state']>().toEqualTypeOf<OperatorState>();
});

test('service level may be null but answered % may not', () => {
  expectTypeOf<SnapshotGroup['serviceLevelPercent']>().toEqualTypeOf<number | null>();
  expectTypeOf<SnapshotGroup['answeredPercent']>().toEqualTypeOf<number>();
});

test('every snapshot says which mode made it and how Redis was, null in single mode', () => {
  expectTypeOf<Snapshot['cluster']['mode']>().toEqualTypeOf<'single' | 'cluster'>();
  expectTypeOf<Snapshot['cluster']['leader']>().toEqualTypeOf<string | null>();
  expectTypeOf<Snapshot['cluster']['redis']>().toEqualTypeOf<'ok' | 'down' | null>();
});
