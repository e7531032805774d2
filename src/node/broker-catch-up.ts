// The broker's parts that act on partition leadership (the replica manager and the group
// coordinator) see no metadata image until the broker has caught up with the quorum and been
// unfenced, as Kafka's BrokerServer installs its metadata publishers only after the initial
// catch-up. Until then a restarted broker would act on what its snapshot or stale log said: lead
// partitions that have moved on, acknowledge writes nobody will keep. Clients get
// NOT_LEADER_OR_FOLLOWER meanwhile, which is retriable.
import { EMPTY_IMAGE, type MetadataImage } from '../metadata/image.js';
import type { ImageListener } from './metadata-publisher.js';

export class BrokerCatchUp {
  private open_ = false;
  /** The newest image published, not yet handed on. */
  private held: MetadataImage | undefined;
  /** The last image handed on: the `previous` of the next one. */
  private base: MetadataImage = EMPTY_IMAGE;
  /** Hands images on one at a time, in order, whether they come from the publisher or `open`. */
  private chain: Promise<void> = Promise.resolve();
  private opening: Promise<void> | undefined;
  private resolveOpening: (() => void) | undefined;

  constructor(private readonly apply: (image: MetadataImage, previous: MetadataImage) => Promise<void>) {}

  get isOpen(): boolean {
    return this.open_;
  }

  /** undefined once open; before, a promise that resolves when it opens. */
  whenOpen(): Promise<void> | undefined {
    if (this.open_) return undefined;
    return (this.opening ??= new Promise((resolve) => { this.resolveOpening = resolve; }));
  }

  /** Subscribe this to the publisher: images pass through once open, and are held (the newest) before. */
  readonly listener: ImageListener = (image) => {
    this.held = image;
    return this.open_ ? this.handOn() : undefined;
  };

  /** The broker caught up and was unfenced: hand on the newest image, then every later one. */
  open(): Promise<void> {
    this.open_ = true;
    const opened = this.handOn();
    // Waiters go on once the newest image is applied, not merely held.
    if (this.resolveOpening !== undefined) void opened.then(this.resolveOpening, this.resolveOpening);
    return opened;
  }

  private handOn(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const image = this.held;
      if (image === undefined) return;
      this.held = undefined;
      const previous = this.base;
      this.base = image;
      await this.apply(image, previous);
    });
    return this.chain;
  }
}
