import { expectTypeOf, test } from 'vitest';
import type { Principal, SessionReply, SignInBody } from './index';

test('a principal names its kind, role and groups (null: every group)', () => {
  expectTypeOf<Principal['kind']>().toEqualTypeOf<'user' | 'display' | 'open'>();
  expectTypeOf<Principal['role']>().toEqualTypeOf<'supervisor' | 'teamlead' | 'display'>();
  expectTypeOf<Principal['groups']>().toEqualTypeOf<number[] | null>();
});

test('the session reply says the auth mode and when the session ends', () => {
  expectTypeOf<SessionReply['auth']>().toEqualTypeOf<'on' | 'off' | 'demo'>();
  expectTypeOf<SessionReply['expiresAt']>().toEqualTypeOf<string | null>();
  expectTypeOf<SignInBody>().toEqualTypeOf<{ name: string; password: string }>();
});
