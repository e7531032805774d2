// Client matrix: a Go client. Debian packages Sarama (golang-github-shopify-sarama-dev, 1.22) with
// its dependencies as source under /usr/share/gocode, which builds offline in GOPATH mode with
// Debian's golang-go; .ci/run installs both. (Debian 12 has no franz-go nor IBM's newer Sarama.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { which } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, PROGRAMS, installed, matrixCluster, parseLines, runMatrix, runProgram, type MatrixClient } from './matrix.js';

const GOPATH = '/usr/share/gocode';
const present = which('go') && fs.existsSync(path.join(GOPATH, 'src/github.com/Shopify/sarama'));

function sarama(binary: string, bootstrap: string, codec: string): MatrixClient {
  const run = (topic: string, group: string, ...args: (string | number)[]) =>
    runProgram(binary, [bootstrap, topic, group, codec, ...args.map(String)]);
  return {
    createTopic: async (topic) => void await run(topic, '-', 'create'),
    produce: async (topic, from, count) => void await run(topic, '-', 'produce', from, count),
    consume: async (topic, group, count) => parseLines(await run(topic, group, 'consume', count)),
  };
}

describe.runIf(installed('go and Debian\'s Sarama (golang-github-shopify-sarama-dev)', present))('Sarama (Go)', { concurrent: true }, () => {
  const ctx = matrixCluster();
  let dir = '';
  let binary = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-sarama-'));
    binary = path.join(dir, 'sarama-client');
    // Offline and module-free: only what Debian installed. The build cache outlives the run, so a
    // second run links in a second or two instead of compiling Sarama again.
    const env = { GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOPROXY: 'off', GOCACHE: path.join(os.tmpdir(), 'kraftling-go-cache') };
    await runProgram('go', ['build', '-o', binary, '.'], undefined, { cwd: path.join(PROGRAMS, 'sarama'), env: { ...process.env, ...env } });
  }, 300_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const codec of ['zstd', 'lz4'] as const) {
    it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, sarama(binary, ctx.cluster.bootstrapServers, codec), 'sarama', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
