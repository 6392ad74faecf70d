// Unit tests of the SPA's pure logic (formatting, backoff, sorting); the browser is Playwright's.
import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'web', environment: 'node' } });
