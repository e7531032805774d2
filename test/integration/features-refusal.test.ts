// A node that cannot serve the cluster's finalized metadata.version refuses to start, and says why:
// the cluster's bootstrap finalizes a level above what this build supports, as a newer Kafka's
// `kafka-storage format --release-version` would, and `kraftling start` exits non-zero.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runFormat } from '../../bin/format.js';
import { METADATA_VERSION } from '../../src/broker/features.js';
import { MetadataRecordType, record } from '../../src/metadata/records.js';
import { writeBootstrapRecords } from '../../src/node/bootstrap-records.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { runCli } from '../helpers/broker-process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-features-refusal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('exits with a message naming the level it cannot serve', async () => {
  const nodeDir = path.join(dir, 'node-1');
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await runFormat({ 'data-dir': nodeDir, 'cluster-id': 'MkU3OEVBNTcwNTJENDM2Qg' });
  } finally {
    process.stdout.write = write;
  }
  const tooNew = METADATA_VERSION + 1;
  await writeBootstrapRecords(new NodeFileSystem(), nodeDir, [record(MetadataRecordType.FEATURE_LEVEL, { name: 'metadata.version', featureLevel: tooNew })], Date.now());
  const run = await runCli(['start', '--data-dir', dir, '--port', '0', '--log-level', 'warn'], 60_000);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`metadata.version=${tooNew}, which this node cannot serve (it supports metadata.version 7-${METADATA_VERSION}`);
}, 90_000);
