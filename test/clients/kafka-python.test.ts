// Client matrix: kafka-python (Debian's python3-kafka, which .ci/run installs) with every codec it
// has: gzip from Python itself, snappy, lz4 and zstd from Debian's python3-snappy, python3-lz4 and
// python3-zstandard (installed by .ci/run too).
import { describe, it } from 'vitest';
import { pythonHas } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, installed, matrixCluster, pythonProgramClient, runMatrix } from './matrix.js';

const kafkaPython = (bootstrap: string, codec: string) => pythonProgramClient('kafka_python_client.py', bootstrap, codec);

/** The Python module behind each codec of kafka-python 2.0 (kafka/codec.py). */
const CODEC_MODULES = { gzip: 'gzip', snappy: 'snappy', lz4: 'lz4.frame', zstd: 'zstandard' } as const;

describe.runIf(installed('python3 kafka (kafka-python)', pythonHas('kafka')))('kafka-python', { concurrent: true }, () => {
  const ctx = matrixCluster();
  for (const [codec, module] of Object.entries(CODEC_MODULES) as [keyof typeof CODEC_MODULES, string][]) {
    if (!installed(`python3 ${module} for kafka-python's ${codec}`, pythonHas(module))) continue;
    it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
      await runMatrix(ctx.cluster, kafkaPython(ctx.cluster.bootstrapServers, codec), 'kafka-python', codec);
    }, FLOW_TIMEOUT_MS);
  }
});
