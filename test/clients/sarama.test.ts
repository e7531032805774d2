// Client matrix: a Go client. Debian packages Sarama (golang-github-shopify-sarama-dev, 1.22) with
// its dependencies as source under /usr/share/gocode, which builds offline in GOPATH mode with
// Debian's golang-go; .ci/run installs both. (Debian 12 has no franz-go nor IBM's newer Sarama.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { which } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, GOPATH, builtGoProgram, goProgramClient, installed, matrixCluster, runMatrix } from './matrix.js';

const present = which('go') && fs.existsSync(path.join(GOPATH, 'src/github.com/Shopify/sarama'));

describe.runIf(installed('go and Debian\'s Sarama (golang-github-shopify-sarama-dev)', present))('Sarama (Go)', { concurrent: true }, () => {
  const ctx = matrixCluster();
  const binary = builtGoProgram('sarama');

  for (const codec of ['zstd', 'lz4'] as const) {
    it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, goProgramClient(binary(), ctx.cluster.bootstrapServers, codec), 'sarama', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
