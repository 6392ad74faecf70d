import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path of this site with its query and hash', () => {
    expect(safeNextPath('/')).toBe('/');
    expect(safeNextPath('/operators/12?day=2026-03-02')).toBe('/operators/12?day=2026-03-02');
    expect(safeNextPath('/stats#results')).toBe('/stats#results');
  });

  it('sends anything that could leave the site to /', () => {
    for (const next of [
      null,
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'operators/1',
      '/\tevil',
      '/sign-in?next=/',
    ]) {
      expect(safeNextPath(next), String(next)).toBe('/');
    }
  });
});

describe('signInPath', () => {
  it('carries the current address as next, encoded', () => {
    expect(signInPath({ pathname: '/' })).toBe('/sign-in?next=%2F');
    expect(signInPath({ pathname: '/groups/3', search: '?range=1h' })).toBe(
      '/sign-in?next=%2Fgroups%2F3%3Frange%3D1h',
    );
  });
});
