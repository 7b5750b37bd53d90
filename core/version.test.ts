import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from './version.ts';

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});
