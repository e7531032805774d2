// ConsumerGroupDescribe (key 69), v0: the state, epochs, assignor and members (with current and
// target assignments, topic names resolved from the metadata image) of consumer-protocol groups.
// A classic or unknown group is GROUP_ID_NOT_FOUND, as Kafka answers.
// throttle_time_ms comes from the request quota (request_percentage).
// Not implemented: authorized operations are not computed (-2147483648, "not requested").
import {
  ConsumerGroupDescribeApi, type ConsumerGroupDescribeRequest, type ConsumerGroupDescribeResponse,
} from '../../../protocol/generated/api/69-consumer-group-describe.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { handler } from '../handler.js';

export const consumerGroupDescribeHandler = handler<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse>({
  api: ConsumerGroupDescribeApi,
  minVersion: 0,
  maxVersion: 0,
  handle(req, ctx) {
    const image = ctx.services.image();
    const topicName = (topicId: string): string => image.topicsById.get(topicId)?.name ?? '';
    return { throttleTimeMs: 0, groups: ctx.services.groups.consumerGroupDescribe(req.groupIds, groupRequestContext(ctx), topicName) };
  },
});
