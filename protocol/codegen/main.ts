// `npm run gen`: rewrites protocol/generated/ from protocol/spec/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAll } from './generate.js';

const protocolDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = generateAll(protocolDir);
fs.rmSync(path.join(protocolDir, 'generated'), { recursive: true, force: true });
for (const [rel, text] of files) {
  const target = path.join(protocolDir, rel);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}
console.log(`wrote ${files.size} files to protocol/generated/`);
