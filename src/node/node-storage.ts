// Storage settings the node derives from server.properties, and how storage events are logged.
import type { LogConfig } from '../../storage/log-config.js';
import type { StorageEvent } from '../../storage/storage-events.js';
import type { ServerConfig } from '../config/server-config.js';
import { logConfigFor } from '../replication/topic-settings.js';
import type { Logger } from '../logger.js';

const NO_DYNAMIC = { perBroker: new Map<string, string>(), clusterDefault: new Map<string, string>() };

/** A topic log's settings from the broker defaults alone (before the image names its overrides). */
export function defaultLogConfig(config: ServerConfig): LogConfig {
  return logConfigFor(config, NO_DYNAMIC, new Map());
}

/** __cluster_metadata: metadata.log.* keys; retention is the snapshot's business, not time's. */
export function metadataLogConfig(config: ServerConfig): LogConfig {
  return {
    ...defaultLogConfig(config),
    segmentBytes: config.int('metadata.log.segment.bytes'),
    segmentMs: config.int('metadata.log.segment.ms'),
    retentionMs: -1,
    retentionBytes: -1,
    // Raft snapshots shorten it; the log cleaner never touches it, whatever log.cleanup.policy says.
    compaction: undefined,
  };
}

export function storageEventLogger(log: Logger): (e: StorageEvent) => void {
  return (e) => {
    switch (e.kind) {
      case 'tailTruncated':
        log.warn({ path: e.path, position: e.position, bytes: e.truncatedBytes, reason: e.reason }, 'recovery truncated a torn or corrupt log tail');
        break;
      case 'indexesRebuilt':
        log.info({ path: e.path }, 'rebuilt segment indexes');
        break;
      case 'checkpointMalformed':
        log.warn({ path: e.path }, 'checkpoint file was malformed and is derived again');
        break;
      case 'logReset':
        log.warn({ dir: e.dir, logEndOffset: e.logEndOffset, logStartOffset: e.logStartOffset }, 'log ended below its start offset; restarted empty');
        break;
      case 'producerSnapshotCorrupt':
        log.warn({ path: e.path, reason: e.reason }, 'producer snapshot is corrupt; producer state is rebuilt from the log');
        break;
      case 'logOpenFailed':
        log.error({ dir: e.dir, reason: e.reason }, 'could not open the partition log; it is offline until the broker restarts');
        break;
      case 'strayReplaced':
        log.info({ dir: e.dir, doomed: e.doomed }, 'replaced the log of a deleted topic of the same name');
        break;
      case 'segmentsDeleted':
        log.info({ dir: e.dir, baseOffsets: e.baseOffsets, reason: e.reason }, 'deleted old segments');
        break;
    }
  };
}
