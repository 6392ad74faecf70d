// The Redis namespace is the account's, whatever the spelling of AXIALYS_URL (issue 10.9).
import { describe, expect, it } from 'vitest';
import { clusterNamespace } from './keys';

describe('clusterNamespace', () => {
  it('is one namespace for one account however its URL is spelt, and another for another account', () => {
    const ns = clusterNamespace('https://api.axialys.com', 'acme');
    expect(clusterNamespace('https://api.axialys.com/', 'acme')).toBe(ns);
    expect(clusterNamespace('https://API.Axialys.com:443//', 'acme')).toBe(ns);
    expect(clusterNamespace('https://api.axialys.com', 'other')).not.toBe(ns);
    expect(clusterNamespace('https://api.axialys.com/v2', 'acme')).not.toBe(ns);
    expect(clusterNamespace('embedded', 'demo')).toMatch(/^vigie:\{[0-9a-f]{12}\}$/);
  });
});
