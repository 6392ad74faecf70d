// The real BFF entry (apps/bff/src/server.ts: its settings, its SIGTERM) on the simulator's clock.
import './sim-clock';
import './gc-hook';
import '@vigie/bff/server';
