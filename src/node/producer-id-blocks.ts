// Producer ids for InitProducerId, handed out from blocks the controller reserves for this broker
// (AllocateProducerIds, committed as ProducerIdsRecord), so ids stay unique across brokers and
// restarts. One reservation at a time; concurrent callers share it.
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { AllocateProducerIdsApi } from '../../protocol/generated/api/67-allocate-producer-ids.js';
import type { MetadataImage } from '../metadata/image.js';
import type { ControllerClient } from './controller-client.js';

export class ProducerIdBlocks {
  private next_ = 0;
  private end = 0;
  private reserving: Promise<void> | undefined;

  constructor(
    private readonly nodeId: number,
    private readonly controller: ControllerClient,
    private readonly image: () => MetadataImage,
  ) {}

  async next(): Promise<number> {
    while (this.next_ >= this.end) {
      this.reserving ??= this.reserve().finally(() => {
        this.reserving = undefined;
      });
      await this.reserving;
    }
    return this.next_++;
  }

  private async reserve(): Promise<void> {
    const epoch = this.image().brokers.get(this.nodeId)?.epoch ?? -1;
    const res = await this.controller.call(AllocateProducerIdsApi, 0, { brokerId: this.nodeId, brokerEpoch: epoch });
    if (res.errorCode !== ErrorCode.NONE) throw new Error(`producer id allocation failed: ${errorName(res.errorCode)}`);
    this.next_ = res.producerIdStart;
    this.end = this.next_ + res.producerIdLen;
  }
}
