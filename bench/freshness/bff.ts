// The real BFF entry on the simulator's time line (bench/soak/sim-clock.ts), so a centre started in
// business hours and the board agree on "now" (guide 3.4 is asked by date).
import '../soak/sim-clock';
import '@vigie/bff/server';
