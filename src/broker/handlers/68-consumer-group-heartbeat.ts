// ConsumerGroupHeartbeat (key 68), v0-v1: the consumer group protocol (KIP-848).
// Joins (epoch 0), heartbeats, leaves (-1; -2 for a static member coming back) and reconciles a
// member of a consumer group with server-side assignment (`uniform`, `range`), against this broker's
// metadata image; answered once the group's records are in __consumer_offsets. v0 members get their
// member id from the coordinator; v1 members bring their own (KIP-1082).
// throttle_time_ms comes from the request quota (request_percentage).
// Not implemented: client-side assignors, rack-aware assignment.
import {
  ConsumerGroupHeartbeatApi, type ConsumerGroupHeartbeatRequest, type ConsumerGroupHeartbeatResponse,
} from '../../../protocol/generated/api/68-consumer-group-heartbeat.js';
import { groupRequestContext } from '../../coordinator/access.js';
import type { ConsumerTopicView } from '../../coordinator/consumer-target.js';
import type { MetadataImage } from '../../metadata/image.js';
import { handler } from '../handler.js';

export function topicView(image: MetadataImage): ConsumerTopicView {
  return {
    byName: (name) => {
      const t = image.topicsByName.get(name);
      return t ? { topicId: t.topicId, partitionCount: t.partitions.length } : undefined;
    },
    names: () => image.topicsByName.keys(),
    nameById: (topicId) => image.topicsById.get(topicId)?.name,
  };
}

export const consumerGroupHeartbeatHandler = handler<ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse>({
  api: ConsumerGroupHeartbeatApi,
  minVersion: 0,
  maxVersion: 1,
  handle(req, ctx) {
    return ctx.services.groups.consumerGroupHeartbeat(req, groupRequestContext(ctx), topicView(ctx.services.image()));
  },
});
