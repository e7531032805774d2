// The committed protocol/generated/ must be exactly what the generator makes of protocol/spec/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll } from '../../../../protocol/codegen/generate.js';
import { protocolDir } from './helpers/kafka-reference.js';

function committedFiles(dir: string, rel = 'generated'): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? committedFiles(dir, `${rel}/${e.name}`) : [`${rel}/${e.name}`]);
}

describe('protocol/generated', () => {
  const generated = generateAll(protocolDir);

  it('matches the generator output file for file (run npm run gen)', () => {
    for (const [rel, text] of generated) {
      const target = path.join(protocolDir, rel);
      const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
      if (committed === null) expect.fail(`protocol/${rel} is missing: run npm run gen`);
      if (committed !== text) expect.fail(`protocol/${rel} is stale: run npm run gen`);
    }
  });

  it('holds no file the generator does not write (run npm run gen)', () => {
    const extra = committedFiles(protocolDir).filter((rel) => !generated.has(rel));
    expect(extra, 'stale files: run npm run gen').toEqual([]);
  });
});
