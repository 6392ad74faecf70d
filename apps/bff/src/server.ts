// Entry point: read the environment, build the app, listen; SIGHUP reloads users and tokens; SIGTERM/SIGINT stop.
import { buildApp } from './app';
import { isSettingError, loadConfig } from './config/env';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  // A bad setting stops start-up with a message naming the variable (never a stack trace).
  process.stderr.write(`vigie: ${isSettingError(err) ? err.message : String(err)}\n`);
  process.exit(1);
}

const app = await buildApp(config);
let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: stop polling, end streams, close');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  app.close().then(
    () => process.exit(0),
    (err: unknown) => {
      app.log.error({ err }, 'close failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
// Re-read the users file and the display tokens (VIGIE_DISPLAY_TOKENS_FILE); removed ones lose their streams.
process.on('SIGHUP', () => app.auth.reload('SIGHUP'));
// A wall-board runs for weeks: a stray rejection is logged, not a reason to drop every screen.
process.on('unhandledRejection', (reason) => {
  app.log.error({ err: reason }, 'unhandled rejection (kept running)');
});

try {
  await app.listen({ port: config.http.port, host: config.http.host });
} catch (err) {
  app.log.error({ err }, 'could not listen');
  process.exit(1);
}
