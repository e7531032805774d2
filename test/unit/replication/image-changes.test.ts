// Publishers get the delta (architecture rule 12): an image built by a delta names the topics and
// configs it changed, and the replica manager revisits those alone. A config change on one topic
// leaves the other topics' logs untouched; a broker config, which every topic falls back to, still
// revisits all of them; an image whose changes are not relative to the previous one is compared whole.
import { describe, expect, it } from 'vitest';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';
import { topicChanges } from '../../../src/metadata/topic-changes.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { applyRecords, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';

const NODE_ID = 1;

function config(resourceType: number, resourceName: string, name: string, value: string | null): MetadataRecord {
  return record(MetadataRecordType.CONFIG, { resourceType, resourceName, name, value });
}

function names(topics: { name: string }[]): string[] {
  return topics.map((t) => t.name).sort();
}

/** Three one-partition topics on this node, then a NoOp-free second image so the base offset is real. */
function base(): MetadataImage {
  return applyRecords(EMPTY_IMAGE, ['a', 'b', 'c'].flatMap((t) => topicRecords(t, 1, () => [NODE_ID])));
}

describe('topicChanges', () => {
  it('names only the topic whose config changed', () => {
    const before = base();
    const after = applyRecords(before, [config(2, 'a', 'retention.ms', '1000')]);
    expect(topicChanges(after, before)).toEqual({ removed: [], changed: [after.topicsByName.get('a')] });
  });

  it('names a removed topic and a new one', () => {
    const before = base();
    const after = applyRecords(before, [
      record(MetadataRecordType.REMOVE_TOPIC, { topicId: topicIdOf('b') }),
      ...topicRecords('d', 1, () => [NODE_ID]),
    ]);
    const changes = topicChanges(after, before);
    expect(names(changes.removed)).toEqual(['b']);
    expect(names(changes.changed)).toEqual(['d']);
  });

  it('names every topic when a broker config changed', () => {
    const before = base();
    const after = applyRecords(before, [config(4, '', 'log.retention.ms', '1000')]);
    expect(names(topicChanges(after, before).changed)).toEqual(['a', 'b', 'c']);
  });

  it('compares whole images when the changes are not relative to the previous image', () => {
    const first = base();
    const second = applyRecords(first, [config(2, 'a', 'retention.ms', '1000')]);
    const third = applyRecords(second, [config(2, 'b', 'retention.ms', '1000')]);
    // A subscriber that skipped `second` sees all topics again (configs differ), never too few.
    expect(names(topicChanges(third, first).changed)).toEqual(['a', 'b', 'c']);
  });
});

describe('ReplicaManager.applyImage with a config change on one topic', () => {
  it('gives that topic new log settings and leaves the others untouched', async () => {
    const nowMs = (): number => 1_000;
    const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
    const serverConfig = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', String(NODE_ID)]]) });
    const replicas = new ReplicaManager({ nodeId: NODE_ID, logDir, config: serverConfig, nowMs });
    const before = base();
    await replicas.applyImage(before, EMPTY_IMAGE);
    const logOf = (topic: string) => logDir.get(topic, 0)!;
    const [a, b] = [logOf('a').config, logOf('b').config];
    const after = applyRecords(before, [config(2, 'a', 'retention.ms', '1000')]);
    await replicas.applyImage(after, before);
    expect(logOf('a').config).not.toBe(a);
    expect(logOf('a').config.retentionMs).toBe(1000);
    expect(logOf('b').config).toBe(b);
  });
});
