#!/usr/bin/env node
// Launcher of the bundled CLI (dist/kraftling.cjs, built by `npm run build`). It compiles the
// bundle through V8's code cache: parsing and compiling half a megabyte of JavaScript is the largest
// part of start-up, and a cached compile is several times faster. The cache lives next to the
// bundle (or in the temp directory when that is read-only); V8 rejects a stale one by itself.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');

const bundle = path.join(__dirname, '..', 'dist', 'kraftling.cjs');
/**
 * The bundle's text, read in small pieces: one large read buffer, once freed, makes glibc's malloc
 * keep every later allocation up to its size in a heap it never returns (about a megabyte of
 * resident memory for the life of the process).
 */
function readSmall(file) {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(64 * 1024);
  const decoder = new (require('node:string_decoder').StringDecoder)('utf8');
  let text = '';
  try {
    for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0;) text += decoder.write(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return text + decoder.end();
}

let source;
try {
  source = readSmall(bundle);
} catch {
  // A fresh clone: `npm ci` installs the dependencies and builds (the prepare script).
  process.stderr.write('kraftling: dist/kraftling.cjs is missing: run `npm ci` (it builds) or `npm run build` first\n');
  process.exit(1);
}
const stat = fs.statSync(bundle);
const cacheName = `kraftling-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`;
const cachePaths = [path.join(path.dirname(bundle), '.cache', cacheName), path.join(os.tmpdir(), cacheName)];

let cachedData;
for (const p of cachePaths) {
  try {
    cachedData = fs.readFileSync(p);
    break;
  } catch {
    // Not cached there.
  }
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
const moduleFn = script.runInThisContext();
const mod = { exports: {} };
globalThis.__kraftlingImportMetaUrl = pathToFileURL(bundle).href;
moduleFn.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));

if (cachedData === undefined || script.cachedDataRejected) {
  // Once start-up has compiled what it needs, keep that for the next run.
  setTimeout(() => {
    const data = script.createCachedData();
    for (const p of cachePaths) {
      try {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, data);
        if (p === cachePaths[0]) removeStaleCaches(path.dirname(p));
        return;
      } catch {
        // Read-only location: try the next one.
      }
    }
  }, 50).unref();
}

/** Caches of earlier builds next to the bundle: each build names a new one, and nothing else
 * would remove them. (The shared temp directory may hold other installs' caches: left alone.) */
function removeStaleCaches(dir) {
  try {
    for (const name of fs.readdirSync(dir)) {
      if (name !== cacheName && /^kraftling-\d+-\d+\.v8cache$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Another process's cache, or a directory we may not change: harmless to leave.
  }
}
