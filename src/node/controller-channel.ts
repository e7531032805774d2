// How this node's broker reaches the active controller. When this node leads the metadata
// quorum, requests run on its own QuorumController; their records are proposed, and the answer
// waits until they are committed and applied to this broker's image.
import type { ApiDefinition } from '../../protocol/definition.js';
import type { ControllerChannel } from '../broker/services.js';
import { CONTROLLER_OPERATIONS } from '../controller/operations.js';
import type { QuorumController } from '../controller/quorum-controller.js';
import type { MetadataRecord } from '../metadata/records.js';
import type { MetadataPublisher } from './metadata-publisher.js';
import type { MetadataQuorum } from './metadata-quorum.js';

export class LocalControllerChannel implements ControllerChannel {
  constructor(
    private readonly quorum: MetadataQuorum,
    private readonly controller: QuorumController,
    private readonly publisher: MetadataPublisher,
  ) {}

  async call<Req, Res>(api: ApiDefinition<Req, Res>, _version: number, req: Req): Promise<Res> {
    const op = CONTROLLER_OPERATIONS.get(api.key);
    if (!op) throw new Error(`${api.name} is not a controller operation`);
    const result = this.controller.write((env, image) => op(env, image, req));
    await this.commit(result.records);
    return result.response as Res;
  }

  /** Proposes records from the controller and waits until this broker's image has them. */
  async commit(records: MetadataRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { lastOffset, committed } = this.quorum.propose(records);
    this.controller.appended(lastOffset);
    await committed;
    await this.publisher.waitFor(lastOffset);
  }
}
