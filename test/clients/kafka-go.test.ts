// Client matrix: a second Go client, segmentio/kafka-go as Debian packages it
// (golang-github-segmentio-kafka-go-dev, 0.2.1), built offline in GOPATH mode like Sarama. It is
// the oldest protocol in the matrix: Produce v2 with magic 1 message sets, which the broker
// stores as v2 batches in the producer's codec, Fetch v2, which gets them down-converted, and
// CreateTopics v0 and JoinGroup v1, which take no ApiVersions negotiation. The same client also
// writes through a SIGKILL of the partition's leader: what it was told is acknowledged is there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareReplicas } from '../chaos/check-replicas.js';
import { RawClient } from '../helpers/raw-client.js';
import { kafkaClient } from '../helpers/cluster.js';
import { readPartition } from '../helpers/read-all.js';
import { which } from '../helpers/system.js';
import { FLOW_TIMEOUT_MS, GOPATH, builtGoProgram, goProgramClient, installed, matrixCluster, runMatrix } from './matrix.js';

/** Records the failover test writes, one request each; the leader dies after KILL_AFTER acks. */
const ACKED_RECORDS = 300;
const KILL_AFTER = 60;

const present = which('go') && fs.existsSync(path.join(GOPATH, 'src/github.com/segmentio/kafka-go'));

describe.runIf(installed('go and Debian\'s kafka-go (golang-github-segmentio-kafka-go-dev)', present))('kafka-go (Go)', () => {
  const binary = builtGoProgram('kafka-go');

  describe('matrix', { concurrent: true }, () => {
    const ctx = matrixCluster();
    for (const codec of ['snappy', 'gzip', 'lz4'] as const) {
      it(`${codec}: creates, produces 1,000 keyed records, reads them in order, resumes a group at its commit`, async () => {
        await runMatrix(ctx.cluster, goProgramClient(binary(), ctx.cluster.bootstrapServers, codec), 'kafka-go', codec);
      }, FLOW_TIMEOUT_MS);
    }
  });

  describe('failover', () => {
    // A cluster of its own: the kill would disturb the flows above.
    const ctx = matrixCluster();
    it('keeps every record it acknowledged to kafka-go through a SIGKILL of the partition leader, in order', async () => {
      const { cluster } = ctx;
      const topic = 'kafka-go-failover';
      const admin = kafkaClient(cluster).admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
      await admin.disconnect();
      const child = spawn(binary(), [cluster.bootstrapServers, topic, '-', 'snappy', 'acked', '0', String(ACKED_RECORDS)]);
      let stdout = '';
      let stderr = '';
      let killed: number | undefined;
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (killed === undefined && stdout.split('\n').length > KILL_AFTER) {
          killed = cluster.leaderOf(topic, 0)!;
          cluster.kill(killed);
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, stderr).toBe(0);
      expect(killed).toBeDefined();
      const acked = stdout.split('\n').filter((l) => l.startsWith('acked ')).map((l) => Number(l.slice(6)));
      expect(acked.length).toBeGreaterThan(KILL_AFTER);
      await cluster.restart(killed!);
      await cluster.waitFor.isr(topic, 0, 3);
      const leader = cluster.nodes.find((n) => n.nodeId === cluster.leaderOf(topic, 0))!.brokerAddresses[0]!;
      const client = await RawClient.connect(`${leader.host}:${leader.port}`);
      try {
        const values = (await readPartition(client, topic, 0)).map((r) => Number(r.value!.toString()));
        // A retried send may be stored twice (no idempotence in this client), never out of order.
        const firsts = values.filter((v, i) => values.indexOf(v) === i);
        expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
        for (const v of acked) expect(values, `acknowledged record ${v}`).toContain(v);
        // The restarted replica, back in the ISR, holds the same batches as the others.
        const dataDirs = new Map(cluster.nodes.map((n) => [n.nodeId, path.join(cluster.dataDir, `node-${n.nodeId}`)]));
        expect(compareReplicas(dataDirs, topic, 0, values.length)).toEqual([]);
      } finally {
        client.close();
      }
    }, FLOW_TIMEOUT_MS);
  });
});
