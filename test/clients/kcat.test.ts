// Client matrix: kcat (librdkafka's command-line client, Debian's kcat, which .ci/run installs),
// with snappy. kcat has no admin API: kafkajs creates the topic. Its balanced consumer (-G) commits
// what it printed when it exits after -c records.
import { describe, it } from 'vitest';
import { which } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, installed, keyedRecords, matrixCluster, parseLines, runMatrix, runProgram, type MatrixClient } from './matrix.js';

function kcat(bootstrap: string, codec: string): MatrixClient {
  return {
    async produce(topic, from, count) {
      const lines = keyedRecords(from, count).map((r) => `${r.key}:${r.value}\n`).join('');
      await runProgram('kcat', ['-P', '-b', bootstrap, '-t', topic, '-K', ':', '-z', codec, '-X', 'enable.idempotence=true', '-X', 'linger.ms=5'], lines);
    },
    async consume(topic, group, count) {
      return parseLines(await runProgram('kcat', ['-b', bootstrap, '-G', group, '-c', String(count), '-q', '-f', '%p %o %k %s\\n',
        '-X', 'auto.offset.reset=earliest', topic]));
    },
  };
}

describe.runIf(installed('kcat', which('kcat')))('kcat', () => {
  const ctx = matrixCluster();
  it('snappy: produces 1,000 keyed records, reads them in order, resumes a group at its commit', async () => {
    await runMatrix(ctx.cluster, kcat(ctx.cluster.bootstrapServers, 'snappy'), 'kcat', 'snappy');
  }, FLOW_TIMEOUT_MS);
});
