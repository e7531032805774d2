// Turns committed metadata batches into images and hands each new image to the node's parts
// (broker replicas, controller, coordinators), one image at a time and in order. An image becomes
// the broker's current image only once every part has applied it (partition logs created, for
// example), so a client told about a partition can use it. Callers can wait for a metadata offset
// to be applied, which is how a write answers only once its effect is visible.
import { MetadataDelta } from '../metadata/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../metadata/image.js';
import type { MetadataBatch } from '../metadata/metadata-batch.js';
import type { CommittedBatch } from '../kraft/metadata-quorum.js';

export type ImageListener = (image: MetadataImage, previous: MetadataImage) => void | Promise<void>;

export class MetadataPublisher {
  /** Latest image built from committed batches. */
  private built_: MetadataImage = EMPTY_IMAGE;
  /** Latest image every listener has applied: what the broker serves. */
  private applied: MetadataImage = EMPTY_IMAGE;
  private readonly listeners: ImageListener[] = [];
  private readonly appliedListeners: ((image: MetadataImage) => void)[] = [];
  private waiters: { offset: number; resolve: () => void }[] = [];
  private delta: MetadataDelta | null = null;
  private deltaEnd: { offset: number; epoch: number } | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  get image(): MetadataImage {
    return this.applied;
  }

  /** The newest committed image, possibly not yet applied by every part (what the controller
   * needs); a snapshot handed over and not yet published is built (and published) now. */
  get built(): MetadataImage {
    this.flush();
    return this.built_;
  }

  subscribe(listener: ImageListener): void {
    this.listeners.push(listener);
  }

  /** Called after every part has applied an image, once it is what the broker serves. */
  onApplied(listener: (image: MetadataImage) => void): void {
    this.appliedListeners.push(listener);
  }

  /**
   * Applies a committed batch. While `deferPublish` is set (replaying the log at start), batches
   * accumulate in one delta and are published once by `flush`, so a long log costs one image copy.
   * A batch applies whole or not at all: its records are decoded as they are applied, and one that
   * fails to decode drops the unpublished delta, back to the last image built whole.
   */
  apply(batch: CommittedBatch, deferPublish = false): void {
    const delta = (this.delta ??= new MetadataDelta(this.built_));
    try {
      batch.forEachValue((b, s, e) => delta.applyValue(b, s, e));
    } catch (err) {
      this.delta = null;
      throw err;
    }
    this.deltaEnd = { offset: batch.lastOffset, epoch: batch.epoch };
    if (!deferPublish) this.flush();
  }

  /**
   * Replaces the state wholesale with a snapshot's records (whose last offset is `offset`),
   * published by the next `flush`. Batches applied before then join the snapshot's delta: at start,
   * the log after the snapshot then changes topics the delta made, not copies of a published
   * image's (a copy, a set into both topic maps and a change to note per record, and a flattening
   * of both maps). A start on a snapshot of 100,000 one-partition topics and 100,000 leader
   * changes after it replayed in 0.43-0.82 of the time it took with two images.
   */
  reset(batches: Iterable<MetadataBatch>, offset: number, epoch: number): void {
    const delta = new MetadataDelta(EMPTY_IMAGE);
    // A snapshot that fails to decode part way leaves the state it was to replace.
    for (const batch of batches) batch.forEachValue((b, s, e) => delta.applyValue(b, s, e));
    this.delta = delta;
    this.deltaEnd = { offset, epoch };
  }

  flush(): void {
    if (!this.delta || !this.deltaEnd) return;
    const previous = this.built_;
    const image = this.delta.finish(this.deltaEnd.offset, this.deltaEnd.epoch);
    this.built_ = image;
    this.delta = null;
    this.deltaEnd = null;
    this.chain = this.chain.then(() => this.publish(image, previous));
  }

  /** Resolves once every part has applied the image that includes `offset`. */
  waitFor(offset: number): Promise<void> {
    if (this.applied.offset >= offset) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ offset, resolve }));
  }

  /** Resolves when everything published so far is applied. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async publish(image: MetadataImage, previous: MetadataImage): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(image, previous);
      } catch (err) {
        this.onListenerError(err);
      }
    }
    this.applied = image;
    const ready = this.waiters.filter((w) => w.offset <= image.offset);
    this.waiters = this.waiters.filter((w) => w.offset > image.offset);
    for (const w of ready) w.resolve();
    for (const listener of this.appliedListeners) listener(image);
  }
}
