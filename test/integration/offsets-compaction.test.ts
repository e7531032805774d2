// __consumer_offsets is compacted: one group commits the same partition's offset 100,000 times
// (pipelined OffsetCommit requests); the offsets topic's partition stays small on disk, and the
// group's offset survives a restart of the broker on the same data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import { silentLogger } from '../../src/logger.js';
import { OffsetCommitApi } from '../../protocol/generated/api/08-offset-commit.js';
import { kafkaClient } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';

const COMMITS = 100_000;
const IN_FLIGHT = 64;
const GROUP = 'busy-group';
const TOPIC = 'committed';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-offsets-compaction-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const options = {
  port: 0, dataDir, ephemeral: false, logger: silentLogger(),
  overrides: {
    'offsets.topic.num.partitions': '1', 'offsets.topic.segment.bytes': '65536', 'log.cleaner.backoff.ms': '50',
  },
};

/** Bytes the offsets topic's partition takes on disk (allocated blocks: the active segment's index
 * files are preallocated to segment.index.bytes, sparsely). */
function offsetsBytesOnDisk(): number {
  let total = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (full.includes(`${path.sep}__consumer_offsets-0${path.sep}`)) total += fs.statSync(full).blocks * 512;
    }
  };
  walk(dataDir);
  return total;
}

async function committedOffset(cluster: Cluster): Promise<string | undefined> {
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    return topic?.partitions.find((p) => p.partition === 0)?.offset;
  } finally {
    await admin.disconnect();
  }
}

async function commitMany(client: RawClient): Promise<void> {
  let next = 1;
  const one = async (): Promise<void> => {
    while (next <= COMMITS) {
      const offset = next++;
      const res = await client.request(OffsetCommitApi, 8, {
        groupId: GROUP, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }],
      });
      const code = res.topics[0]!.partitions[0]!.errorCode;
      if (code !== 0) throw new Error(`OffsetCommit of ${offset} failed with error ${code}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, one));
}

describe('__consumer_offsets compaction', () => {
  it('100,000 commits of one group keep the offsets log small, and the offset survives a restart', async () => {
    let cluster = await Cluster.start(options);
    try {
      const admin = kafkaClient(cluster).admin();
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 1 }] });
      // The first commit creates __consumer_offsets (FindCoordinator waits for it).
      await admin.setOffsets({ groupId: GROUP, topic: TOPIC, partitions: [{ partition: 0, offset: '0' }] });
      await admin.disconnect();
      const raw = await RawClient.connect(cluster.bootstrapServers.split(',')[0]!);
      try {
        const started = Date.now();
        await commitMany(raw);
        process.stdout.write(`${COMMITS} OffsetCommits in ${Date.now() - started} ms; offsets partition ${offsetsBytesOnDisk()} bytes on disk\n`);
      } finally {
        raw.close();
      }
      // Uncompacted, 100,000 commits take several MB here; the cleaner keeps a few segments.
      const deadline = Date.now() + 60_000;
      while (offsetsBytesOnDisk() > 512 * 1024 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(offsetsBytesOnDisk()).toBeLessThanOrEqual(512 * 1024);
      expect(await committedOffset(cluster)).toBe(String(COMMITS));
    } finally {
      await cluster.stop();
    }
    cluster = await Cluster.start(options);
    try {
      expect(await committedOffset(cluster)).toBe(String(COMMITS));
    } finally {
      await cluster.stop();
    }
  }, 240_000);
});
