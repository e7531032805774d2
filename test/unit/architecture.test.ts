// The rules of ARCHITECTURE.md that code can check: imports point one way, and the sans-IO cores
// never reach for the clock, timers, randomness, sockets or files themselves.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** The layer a file belongs to, by path: a larger rank may import a smaller one, never the reverse. */
function layer(file: string): { name: string; rank: number } {
  const f = file.split(path.sep).join('/');
  if (f.startsWith('protocol/')) return { name: 'protocol', rank: 0 };
  if (f.startsWith('storage/')) return { name: 'storage', rank: 1 };
  if (f.startsWith('src/config/') || f === 'src/version.ts' || f === 'src/logger.ts') return { name: 'config', rank: 1 };
  if (f.startsWith('src/raft/')) return { name: 'raft', rank: 2 };
  if (/^src\/(server|broker|controller|metadata|replication|coordinator)\//.test(f)) return { name: f.split('/')[1]!, rank: 2 };
  // The KRaft driver: the Raft core's files, transport and metadata log, under the node runtime.
  if (f.startsWith('src/kraft/')) return { name: 'kraft', rank: 3 };
  if (f.startsWith('src/node/')) return { name: 'node', rank: 4 };
  if (f.startsWith('src/cluster/') || f === 'src/index.ts') return { name: 'cluster', rank: 5 };
  if (f.startsWith('bin/')) return { name: 'bin', rank: 6 };
  throw new Error(`no layer for ${f}`);
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm), ...text.matchAll(/import\('([^']+)'\)/g)];
  return specs.map((m) => m[1]!);
}

const FILES = ['bin', 'protocol', 'storage', 'src'].flatMap(sources);

describe('import direction', () => {
  it.each(FILES)('%s imports only its own layer or those below', (file) => {
    const from = layer(file);
    for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
      const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).replace(/\.js$/, '.ts');
      const to = layer(target);
      const allowed = to.rank < from.rank || to.name === from.name ||
        // Siblings of the middle layer may use each other; the Raft core stays self-contained.
        (to.rank === from.rank && from.rank === 2 && from.name !== 'raft' && to.name !== 'raft');
      expect(allowed, `${file} imports ${target} (${from.name} -> ${to.name})`).toBe(true);
    }
  });
});

const SANS_IO = /^(protocol|src\/raft|src\/controller|src\/metadata|src\/coordinator|src\/broker\/handlers)\//;
const FORBIDDEN = [/\bDate\.now\(/, /\bsetTimeout\(/, /\bsetInterval\(/, /\bMath\.random\(/, /from 'node:(net|fs)'/, /new Date\(\)/];

describe('sans-IO cores', () => {
  it.each(FILES.filter((f) => SANS_IO.test(f.split(path.sep).join('/')) && !f.includes('codegen')))('%s takes clock, randomness and I/O from outside', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const pattern of FORBIDDEN) expect(text, `${file} uses ${pattern}`).not.toMatch(pattern);
  });
});
