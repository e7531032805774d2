// The README's supported-API tables are the registry's, so the front door stays true.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { apiRows } from '../../bin/api-table.js';

const readme = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

function tableUnder(heading: string): string[] {
  const section = readme.split(heading)[1]!.split('\n### ')[0]!.split('\n## ')[0]!;
  return [...section.matchAll(/^\| (\d+) \| (\w+) \| (\d+(?:-\d+)?) \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
}

it('lists exactly the APIs and versions each listener serves', () => {
  expect(tableUnder('### Broker listener')).toEqual(apiRows('broker').map((r) => r.join(' ')));
  expect(tableUnder('### Controller listener')).toEqual(apiRows('controller').map((r) => r.join(' ')));
});
