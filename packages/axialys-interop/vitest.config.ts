import { defineProject } from 'vitest/config';

// The client against the simulator over real HTTP: the one place where the two may meet.
export default defineProject({ test: { name: 'interop' } });
