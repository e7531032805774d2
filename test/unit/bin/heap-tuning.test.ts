// The broker's V8 heap settings: which growth a heap of a given size gets, and that applying them
// never keeps a process alive (the CLI's other commands and a stopping broker exit on their own).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heapGrowingPercent, SMALL_HEAP_BYTES, SMALL_HEAP_GROWING_PERCENT } from '../../../bin/heap-tuning.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('heap tuning', () => {
  it('grows a small heap fourfold between full collections and leaves a large one to V8', () => {
    expect(SMALL_HEAP_GROWING_PERCENT).toBe(300);
    expect(heapGrowingPercent(10 * 2 ** 20)).toBe(300);
    expect(heapGrowingPercent(SMALL_HEAP_BYTES - 1)).toBe(300);
    expect(heapGrowingPercent(SMALL_HEAP_BYTES)).toBe(0);
    expect(heapGrowingPercent(2 ** 31)).toBe(0);
  });

  it('sets the flags on timers that do not keep the process alive', () => {
    // Past the settling second, so the flags are set and the periodic check runs: the process
    // must still end when its own work does.
    const script = `import { tuneHeap } from './bin/heap-tuning.ts'; tuneHeap(); setTimeout(() => console.log('done'), 1500);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('done');
    expect(result.status).toBe(0);
  });
});
