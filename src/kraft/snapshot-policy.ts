// When this node writes a metadata snapshot (KIP-630): after
// metadata.log.max.record.bytes.between.snapshots of new log, or after
// metadata.log.max.snapshot.interval.ms when anything changed. Every node snapshots its own
// committed image, as Kafka's controllers and brokers do; the log below a snapshot goes once the
// log has outgrown metadata.max.retention.bytes.
import type { ServerConfig } from '../config/server-config.js';
import type { MetadataImage } from '../metadata/image.js';
import { imageRecords } from '../metadata/image-records.js';
import type { Logger } from '../logger.js';
import type { RaftQuorum } from './raft-quorum.js';

export class SnapshotPolicy {
  private lastOffset = -1;
  private lastAtMs: number;
  private lastLogBytes = 0;
  private writing = false;

  constructor(
    private readonly config: ServerConfig,
    private readonly quorum: RaftQuorum,
    private readonly nowMs: () => number,
    private readonly log: Logger,
  ) {
    this.lastAtMs = nowMs();
  }

  /** Image listener: may start writing a snapshot of this image in the background. */
  onImage(image: MetadataImage): void {
    if (this.writing || image.offset <= this.lastOffset) return;
    const logBytes = this.quorum.logSizeBytes;
    const grown = logBytes - this.lastLogBytes >= this.config.int('metadata.log.max.record.bytes.between.snapshots');
    const due = this.nowMs() - this.lastAtMs >= this.config.int('metadata.log.max.snapshot.interval.ms');
    if (!grown && !due) return;
    this.writing = true;
    const retainBytes = this.config.int('metadata.max.retention.bytes');
    this.quorum.writeSnapshot(imageRecords(image), image.offset, image.epoch, retainBytes).then((written) => {
      if (!written) return;
      this.lastOffset = image.offset;
      this.lastAtMs = this.nowMs();
      this.lastLogBytes = this.quorum.logSizeBytes;
      this.log.info({ offset: image.offset + 1, epoch: image.epoch }, 'wrote a metadata snapshot');
    }).catch((err) => this.log.warn({ err }, 'writing a metadata snapshot failed')).finally(() => {
      this.writing = false;
    });
  }
}
