// Client matrix: librdkafka through Python confluent-kafka (Debian's python3-confluent-kafka, which
// .ci/run installs), with lz4 and zstd.
import path from 'node:path';
import { describe, it } from 'vitest';
import { pythonHas } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, PROGRAMS, installed, matrixCluster, parseLines, runMatrix, runProgram, type MatrixClient } from './matrix.js';

function confluent(bootstrap: string, codec: string): MatrixClient {
  const run = (topic: string, group: string, ...args: (string | number)[]) => runProgram('/usr/bin/python3',
    [path.join(PROGRAMS, 'confluent_client.py'), bootstrap, topic, group, codec, ...args.map(String)]);
  return {
    createTopic: async (topic) => void await run(topic, '-', 'create'),
    produce: async (topic, from, count) => void await run(topic, '-', 'produce', from, count),
    consume: async (topic, group, count) => parseLines(await run(topic, group, 'consume', count)),
  };
}

describe.runIf(installed('python3 confluent_kafka', pythonHas('confluent_kafka')))('python confluent-kafka', { concurrent: true }, () => {
  const ctx = matrixCluster();
  for (const codec of ['lz4', 'zstd'] as const) {
    it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, confluent(ctx.cluster.bootstrapServers, codec), 'confluent', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
