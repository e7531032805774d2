// Topic-level config keys, with Kafka's defaults and the broker key each one falls back to (its
// "synonym"), which DescribeConfigs reports with the value's source.
import type { ConfigKey, ConfigType } from './definition.js';

export interface TopicConfigKey extends ConfigKey {
  /** server.properties key that supplies the default for every topic. */
  brokerKey: string;
}

const LONG_MAX = '9223372036854775807';

function key(name: string, type: ConfigType, def: string, brokerKey: string, doc: string,
  extra: Partial<ConfigKey> = {}): TopicConfigKey {
  return { name, type, default: def, brokerKey, doc, ...extra };
}

export const TOPIC_KEYS: readonly TopicConfigKey[] = [
  key('cleanup.policy', 'list', 'delete', 'log.cleanup.policy', 'delete old segments, or compact by key',
    { oneOf: ['delete', 'compact'] }),
  key('compression.type', 'string', 'producer', 'compression.type', 'codec of stored batches; producer keeps what the client sent',
    { oneOf: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] }),
  key('delete.retention.ms', 'long', '86400000', 'log.cleaner.delete.retention.ms', 'how long compaction keeps tombstones', { min: 0 }),
  key('file.delete.delay.ms', 'long', '60000', 'log.segment.delete.delay.ms', 'delay before a deleted segment file is removed', { min: 0, inert: true }),
  key('flush.messages', 'long', LONG_MAX, 'log.flush.interval.messages', 'fsync after this many messages', { min: 1 }),
  key('flush.ms', 'long', LONG_MAX, 'log.flush.interval.ms', 'fsync after this much time', { min: 0 }),
  key('index.interval.bytes', 'int', '4096', 'log.index.interval.bytes', 'bytes between offset index entries', { min: 0 }),
  key('max.compaction.lag.ms', 'long', LONG_MAX, 'log.cleaner.max.compaction.lag.ms', 'longest a record stays uncompacted', { min: 1 }),
  key('max.message.bytes', 'int', '1048588', 'message.max.bytes', 'largest record batch the topic accepts', { min: 0 }),
  key('message.downconversion.enable', 'boolean', 'true', 'log.message.downconversion.enable', 'serve old fetch versions by converting batches'),
  key('message.timestamp.type', 'string', 'CreateTime', 'log.message.timestamp.type', 'CreateTime keeps the producer timestamp; LogAppendTime stamps the broker time',
    { oneOf: ['CreateTime', 'LogAppendTime'] }),
  key('message.timestamp.difference.max.ms', 'long', LONG_MAX, 'log.message.timestamp.difference.max.ms', 'deprecated: largest allowed distance from broker time', { min: 0 }),
  key('message.timestamp.before.max.ms', 'long', LONG_MAX, 'log.message.timestamp.before.max.ms', 'how far in the past a CreateTime timestamp may be', { min: 0 }),
  key('message.timestamp.after.max.ms', 'long', LONG_MAX, 'log.message.timestamp.after.max.ms', 'how far in the future a CreateTime timestamp may be', { min: 0 }),
  key('min.cleanable.dirty.ratio', 'double', '0.5', 'log.cleaner.min.cleanable.ratio', 'dirty share that triggers compaction', { min: 0, max: 1 }),
  key('min.compaction.lag.ms', 'long', '0', 'log.cleaner.min.compaction.lag.ms', 'shortest a record stays uncompacted', { min: 0 }),
  key('min.insync.replicas', 'int', '1', 'min.insync.replicas', 'in-sync replicas an acks=all write needs', { min: 1 }),
  key('preallocate', 'boolean', 'false', 'log.preallocate', 'preallocate segment files', { inert: true }),
  key('retention.bytes', 'long', '-1', 'log.retention.bytes', 'partition size beyond which old segments are deleted (-1: no limit)'),
  key('retention.ms', 'long', '604800000', 'log.retention.ms', 'age beyond which old segments are deleted (-1: no limit)', { min: -1 }),
  key('segment.bytes', 'int', '1073741824', 'log.segment.bytes', 'segment size that triggers a roll', { min: 14 }),
  key('segment.index.bytes', 'int', '10485760', 'log.index.size.max.bytes', 'largest offset index of a segment', { min: 4 }),
  key('segment.jitter.ms', 'long', '0', 'log.roll.jitter.ms', 'random jitter on time-based rolls', { min: 0, inert: true }),
  key('segment.ms', 'long', '604800000', 'log.roll.ms', 'segment age that triggers a roll', { min: 1 }),
  key('unclean.leader.election.enable', 'boolean', 'false', 'unclean.leader.election.enable', 'let an out-of-sync replica lead'),
  key('local.retention.bytes', 'long', '-2', 'log.local.retention.bytes', 'tiered storage (not supported)', { inert: true }),
  key('local.retention.ms', 'long', '-2', 'log.local.retention.ms', 'tiered storage (not supported)', { inert: true }),
  key('remote.storage.enable', 'boolean', 'false', 'remote.log.storage.system.enable', 'tiered storage (not supported)', { inert: true }),
  key('leader.replication.throttled.replicas', 'list', '', 'leader.replication.throttled.replicas',
    'partition:broker pairs (or *) whose leader holds out-of-sync followers to leader.replication.throttled.rate'),
  key('follower.replication.throttled.replicas', 'list', '', 'follower.replication.throttled.replicas',
    'partition:broker pairs (or *) that fetch at most follower.replication.throttled.rate while out of sync'),
  // Kafka 3.x still accepts these (message.format.version is ignored from inter-broker protocol 3.0
  // on); clients and tools still send them, so they are accepted and reported without effect.
  key('message.format.version', 'string', '3.0-IV1', 'log.message.format.version', 'deprecated: record format version (ignored, always v2)', { inert: true }),
  key('compression.gzip.level', 'int', '-1', 'compression.gzip.level', 'gzip level when the broker recompresses (not used: batches are kept as sent)', { min: -1, max: 9, inert: true }),
  key('compression.lz4.level', 'int', '9', 'compression.lz4.level', 'lz4 level when the broker recompresses (not used)', { min: 1, max: 17, inert: true }),
  key('compression.zstd.level', 'int', '3', 'compression.zstd.level', 'zstd level when the broker recompresses (not used)', { min: -131072, max: 22, inert: true }),
];

export const TOPIC_KEY_BY_NAME: ReadonlyMap<string, TopicConfigKey> = new Map(TOPIC_KEYS.map((k) => [k.name, k]));
