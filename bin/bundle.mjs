// `npm run build`, second step: bundles the CLI into one CommonJS file (dist/kraftling.cjs) that
// bin/kraftling.cjs loads through V8's code cache, and the library into one ES module
// (dist/kraftling.mjs). One file parses and compiles far faster than a tree of three hundred ES
// modules, which is most of kraftling's start-up time.
import { build } from 'esbuild';

// Native and wasm codecs stay separate files, loaded on first use.
const external = ['@node-rs/*', '@dweb-browser/zstd-wasm', 'fzstd', 'snappyjs', 'crc-32'];

await build({
  entryPoints: ['bin/kraftling.ts'],
  outfile: 'dist/kraftling.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The launcher sets this global; import.meta does not exist in CommonJS.
  define: { 'import.meta.url': '__kraftlingImportMetaUrl' },
  external,
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/kraftling.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Some bundled dependencies are CommonJS and call require().
  banner: { js: "import { createRequire as __kraftlingCreateRequire } from 'node:module'; const require = __kraftlingCreateRequire(import.meta.url);" },
  external,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
