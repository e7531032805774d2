// `kraftling format --add-scram` as `kafka-storage format --add-scram`: the user is in
// bootstrap.checkpoint, the first controller commits it with the metadata.version, and a client
// authenticates with it on the cluster's first start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { runFormat } from '../../../bin/format.js';
import { Cluster } from '../../../src/cluster/cluster.js';
import { silentLogger } from '../../../src/logger.js';
import { describeScramUsers, listenerAddress } from '../../helpers/security.js';

describe('format --add-scram', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-format-scram-'));
  let cluster: Cluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('bootstraps SCRAM users that clients authenticate with', async () => {
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await runFormat({ 'data-dir': path.join(dir, 'node-1'), 'cluster-id': 'MkU3OEVBNTcwNTJENDM2Qg',
        'add-scram': ['SCRAM-SHA-256=[name=alice,password=alice-secret]', 'SCRAM-SHA-512=[name=admin,password=admin-secret,iterations=8192]'] });
    } finally {
      process.stdout.write = write;
    }
    cluster = await Cluster.start({
      port: 0, logger: silentLogger(), dataDir: dir, ephemeral: false,
      overrides: { listeners: 'PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0', 'sasl.enabled.mechanisms': 'SCRAM-SHA-256,SCRAM-SHA-512' },
    });
    const described = await describeScramUsers(listenerAddress(cluster, 'PLAINTEXT'), null);
    expect(described.results.map((r) => [r.user, r.credentialInfos])).toEqual([
      ['alice', [{ mechanism: 1, iterations: 4096 }]],
      ['admin', [{ mechanism: 2, iterations: 8192 }]],
    ]);
    const admin = new Kafka({
      clientId: 'format-scram', brokers: [listenerAddress(cluster, 'SASL_PLAINTEXT')], logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'scram-sha-512', username: 'admin', password: 'admin-secret' },
    }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'bootstrapped' }] });
    expect(await admin.listTopics()).toContain('bootstrapped');
    await admin.disconnect();
  });

  it('refuses a malformed --add-scram value', async () => {
    await expect(runFormat({ 'data-dir': path.join(dir, 'other'), 'add-scram': ['SCRAM-SHA-1=[name=a,password=b]'] })).rejects.toThrow(/SCRAM-SHA-256 or SCRAM-SHA-512/);
  });
});
