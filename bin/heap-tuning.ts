// V8 heap settings for a broker process (`kraftling start`), set a second after the ready line:
// loading node:v8 takes 4 ms, which neither the start nor a client's first requests should wait for.
//
// - The young generation stays the size start-up left it (a few MB) instead of growing to 16 MB:
//   a broker's garbage is almost all per request, and a scavenge of the grown space paused it 2-4 ms
//   (a survivor copy of hundreds of KB each time). Measured with one 1 KiB record per request at
//   5,000/s and a long-polling consumer: end-to-end p99 6.9 -> 4.5 ms, p99.9 16 -> 9 ms, produce
//   throughput unchanged.
// - While the heap is small, the old generation may grow to four times what the last full
//   collection left before the next one starts. V8's own factor for a heap of 10 MB was about two:
//   at 50,000 single-record requests/s the broker promotes about 1 MB/s, and a full collection (a
//   pause of 1-5 ms, and marking steps of up to 5 ms) came every 0.7-1 s, where a p99 sits. With
//   four, 6-8 in 14 s instead of 16-24; end-to-end p99 at 50,000/s in 12 runs alternating the two
//   builds: median 6.0 ms against 8.3, the largest 10.4 against 62.7; peak RSS 114-122 MB against
//   110-122. Four is V8's own largest factor; a large heap (a big cluster's metadata) keeps V8's
//   choice, so its memory does not grow fourfold between collections.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Below this much heap in use, the old generation grows fourfold between full collections. */
export const SMALL_HEAP_BYTES = 64 * 2 ** 20;
/** The growth between full collections of a small heap, in percent (300: fourfold). */
export const SMALL_HEAP_GROWING_PERCENT = 300;
const SETTLE_MS = 1_000;
/** How often the heap's size is looked at again. */
const CHECK_MS = 1_000;

/** --heap-growing-percent for a heap with `usedBytes` in use: 0 leaves the factor to V8. */
export function heapGrowingPercent(usedBytes: number): number {
  return usedBytes < SMALL_HEAP_BYTES ? SMALL_HEAP_GROWING_PERCENT : 0;
}

/** Applies the settings above from a second after now, on unref'd timers. */
export function tuneHeap(): void {
  setTimeout(() => {
    const v8 = require('node:v8') as typeof import('node:v8');
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    let percent = -1;
    const check = (): void => {
      const next = heapGrowingPercent(v8.getHeapStatistics().used_heap_size);
      if (next === percent) return;
      percent = next;
      v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
    };
    check();
    setInterval(check, CHECK_MS).unref();
  }, SETTLE_MS).unref();
}
