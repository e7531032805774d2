// Producer ids for InitProducerId, handed out from blocks the controller reserves for this broker
// (AllocateProducerIds, committed as ProducerIdsRecord), so ids stay unique across brokers and
// restarts. One reservation at a time; concurrent callers share it.
import { ErrorCode, errorName } from '../../protocol/errors.js';
import type { QuorumController } from '../controller/quorum-controller.js';
import type { MetadataImage } from '../metadata/image.js';
import type { LocalControllerChannel } from './controller-channel.js';

export class ProducerIdBlocks {
  private next_ = 0;
  private end = 0;
  private reserving: Promise<void> | undefined;

  constructor(
    private readonly nodeId: number,
    private readonly controller: QuorumController,
    private readonly channel: LocalControllerChannel,
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
    const result = this.controller.allocateProducerIds({ brokerId: this.nodeId, brokerEpoch: epoch });
    if (result.response.errorCode !== ErrorCode.NONE) {
      throw new Error(`producer id allocation failed: ${errorName(result.response.errorCode)}`);
    }
    await this.channel.commit(result.records);
    this.next_ = result.response.producerIdStart;
    this.end = this.next_ + result.response.producerIdLen;
  }
}
