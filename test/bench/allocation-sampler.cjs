// Preloaded into a broker by the allocation figure (node --require): V8's sampling heap profiler,
// keeping the objects that were collected too, so the profile counts every allocation, garbage
// included. SIGUSR2 starts it; the next SIGUSR2 stops it and writes the profile to the file named
// by KRAFTLING_BENCH_HEAP_PROFILE (written aside, then renamed to it).
'use strict';
const fs = require('node:fs');
const inspector = require('node:inspector');

const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
let sampling = false;
process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return;
  }
  sampling = false;
  session.post('HeapProfiler.stopSampling', (err, result) => {
    const file = process.env.KRAFTLING_BENCH_HEAP_PROFILE;
    if (err || !file) return;
    // Whole or not at all: the bench reads it as soon as the name appears.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
    fs.renameSync(`${file}.tmp`, file);
  });
});
