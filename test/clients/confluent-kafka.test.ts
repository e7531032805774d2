// Client matrix: librdkafka through Python confluent-kafka (Debian's python3-confluent-kafka, which
// .ci/run installs), with lz4 and zstd.
import { describe, it } from 'vitest';
import { pythonHas } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, installed, matrixCluster, pythonProgramClient, runMatrix } from './matrix.js';

const confluent = (bootstrap: string, codec: string) => pythonProgramClient('confluent_client.py', bootstrap, codec);

describe.runIf(installed('python3 confluent_kafka', pythonHas('confluent_kafka')))('python confluent-kafka', { concurrent: true }, () => {
  const ctx = matrixCluster();
  for (const codec of ['lz4', 'zstd'] as const) {
    it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, confluent(ctx.cluster.bootstrapServers, codec), 'confluent', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
