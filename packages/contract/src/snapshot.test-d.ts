import { expectTypeOf, test } from 'vitest';
import type { OperatorState, Snapshot, SnapshotGroup } from './index';

test('snapshot operators carry a state from the closed list', () => {
  expectTypeOf<Snapshot['operators'][number]['state']>().toEqualTypeOf<OperatorState>();
});

test('service level may be null but answered % may not', () => {
  expectTypeOf<SnapshotGroup['serviceLevelPercent']>().toEqualTypeOf<number | null>();
  expectTypeOf<SnapshotGroup['answeredPercent']>().toEqualTypeOf<number>();
});
