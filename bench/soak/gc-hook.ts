// SIGUSR2 runs a full garbage collection in the BFF, so the soak reads its heap's live size, not GC timing.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
process.on('SIGUSR2', () => gc());
