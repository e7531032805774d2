// The README's supported-API table is the registry's, so the front door stays true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { apiDefinition } from '../../protocol/registry.js';
import { supportedApis } from '../../src/broker/registry.js';
import { versionRange } from '../../bin/api-table.js';

it('lists exactly the APIs and versions the broker serves', () => {
  const readme = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');
  const section = readme.split('## Supported APIs')[1]!.split('\n## ')[0]!;
  const rows = [...section.matchAll(/^\| (\d+) \| (\w+) \| (\d+(?:-\d+)?) \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
  const expected = supportedApis().map((a) => `${a.apiKey} ${apiDefinition(a.apiKey)!.name} ${versionRange(a.minVersion, a.maxVersion)}`);
  expect(rows).toEqual(expected);
});
