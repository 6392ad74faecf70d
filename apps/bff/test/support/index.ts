// The BFF's test support, in one place: fixtures (account, centre, environments, board config), the BFF in process and as a process, access fixtures, a real redis-server, a webhook receiver, waits.
export * from './auth';
export * from './bff-app';
export * from './bff-process';
export * from './fixtures';
export * from './gated-clock';
export * from './hook-receiver';
export * from './log-capture';
export * from './redis-server';
export * from './wait';
export * from './live-wait';
