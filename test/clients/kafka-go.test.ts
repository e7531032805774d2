// Client matrix: a second Go client, segmentio/kafka-go as Debian packages it
// (golang-github-segmentio-kafka-go-dev, 0.2.1), built offline in GOPATH mode like Sarama. It is
// the oldest protocol in the matrix: Produce v2 with magic 1 message sets, which the broker
// stores as v2 batches in the producer's codec, Fetch v2, which gets them down-converted, and
// CreateTopics v0 and JoinGroup v1, which take no ApiVersions negotiation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { which } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, GOPATH, goBuild, goProgramClient, installed, matrixCluster, runMatrix } from './matrix.js';

const present = which('go') && fs.existsSync(path.join(GOPATH, 'src/github.com/segmentio/kafka-go'));

describe.runIf(installed('go and Debian\'s kafka-go (golang-github-segmentio-kafka-go-dev)', present))('kafka-go (Go)', { concurrent: true }, () => {
  const ctx = matrixCluster();
  let dir = '';
  let binary = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-kafka-go-'));
    binary = path.join(dir, 'kafka-go-client');
    await goBuild('kafka-go', binary);
  }, 300_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const codec of ['snappy', 'gzip', 'lz4'] as const) {
    it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, goProgramClient(binary, ctx.cluster.bootstrapServers, codec), 'kafka-go', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
