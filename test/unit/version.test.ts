// The version the CLI prints is the package's.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';

it('matches package.json', () => {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  expect(VERSION).toBe(pkg.version);
});
