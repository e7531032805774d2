// Writes ours/: our lz4 and (xerial) snappy output for the inputs. The unit tests pin these bytes;
// `generate.py --verify` checks that python-lz4, the lz4 CLI and python-snappy read them back.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compress, CompressionType } from '../../../protocol/compression/index.js';

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, 'ours'), { recursive: true });
for (const name of ['text.json', 'random.bin']) {
  const input = readFileSync(join(here, 'inputs', name));
  for (const [ext, type] of [['lz4', CompressionType.LZ4], ['xerial', CompressionType.SNAPPY]] as const) {
    const out = compress(type, input);
    writeFileSync(join(here, 'ours', `${name}.${ext}`), out);
    console.log(`ours/${name}.${ext}: ${out.length} bytes`);
  }
}
