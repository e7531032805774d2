// `npm run build`, second step: bundles the CLI into one CommonJS file (dist/kraftling.cjs) that
// bin/kraftling.cjs loads through V8's code cache. One file parses and compiles far faster than a
// tree of ES modules, which is most of kraftling's start-up time.
import { build } from 'esbuild';

await build({
  entryPoints: ['bin/kraftling.ts'],
  outfile: 'dist/kraftling.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The launcher sets this global; import.meta does not exist in CommonJS.
  define: { 'import.meta.url': '__kraftlingImportMetaUrl' },
  // Native and wasm codecs stay separate files, loaded on first use.
  external: ['@node-rs/*', '@dweb-browser/zstd-wasm', 'fzstd', 'snappyjs', 'crc-32'],
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});
