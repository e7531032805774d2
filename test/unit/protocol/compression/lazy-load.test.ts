// The codec libraries (snappyjs, fzstd, the zstd wasm) are not loaded by importing the module,
// only when their codec is first used: broker startup does not pay for them. Checked in a fresh
// Node process, whose CommonJS cache shows what was loaded.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');

const SCRIPT = `
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
const LIBS = ['snappyjs', 'fzstd', '@dweb-browser/zstd-wasm'];
const loaded = () => LIBS.filter((lib) => Object.keys(cache).some((k) => k.includes('/node_modules/' + lib + '/')));
const steps = { imported: [], snappy: [], zstdDecompress: [], zstdCompress: [] };
const m = await import('./protocol/compression/index.ts');
steps.imported = loaded();
m.decompress(m.CompressionType.SNAPPY, m.compress(m.CompressionType.SNAPPY, Buffer.from('x')), 10);
steps.snappy = loaded();
m.decompress(m.CompressionType.ZSTD, Buffer.from('KLUv/QBYCQAAeA==', 'base64'), 10);
steps.zstdDecompress = loaded();
m.compress(m.CompressionType.ZSTD, Buffer.from('x'));
steps.zstdCompress = loaded();
console.log(JSON.stringify(steps));
`;

it('loads each codec library on first use only', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT });
  const steps = JSON.parse(out.toString()) as Record<string, string[]>;
  expect(steps.imported).toEqual([]);
  expect(steps.snappy).toEqual(['snappyjs']);
  expect(steps.zstdDecompress).toEqual(['snappyjs', 'fzstd']); // decoding never needs the wasm
  expect(steps.zstdCompress).toEqual(['snappyjs', 'fzstd', '@dweb-browser/zstd-wasm']);
});
