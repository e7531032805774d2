// Request checks of ConsumerGroupHeartbeat, as Kafka's throwIfConsumerGroupHeartbeatRequestIsInvalid:
// a failed check is INVALID_REQUEST with a message naming the field, before any state is touched.
import { ErrorCode } from '../../protocol/errors.js';
import type { ConsumerGroupHeartbeatRequest } from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import { LEAVE_GROUP_STATIC_MEMBER_EPOCH } from './consumer-group.js';
import { compileRegex } from './consumer-target.js';

/** From v1 the client generates its member id (KIP-1082); v0 members get one from the coordinator. */
const CLIENT_MEMBER_ID_VERSION = 1;

export interface InvalidHeartbeat {
  errorCode: number;
  message: string;
}

export function validateHeartbeat(req: ConsumerGroupHeartbeatRequest, apiVersion: number, assignors: readonly string[]): InvalidHeartbeat | null {
  const invalid = (message: string): InvalidHeartbeat => ({ errorCode: ErrorCode.INVALID_REQUEST, message });
  if (req.groupId === '') return invalid('GroupId can\'t be empty.');
  if (req.instanceId === '') return invalid('InstanceId can\'t be empty.');
  if (req.rackId === '') return invalid('RackId can\'t be empty.');
  if (apiVersion >= CLIENT_MEMBER_ID_VERSION && req.memberId === '') return invalid('MemberId can\'t be empty.');
  if (req.memberEpoch < LEAVE_GROUP_STATIC_MEMBER_EPOCH) return invalid('MemberEpoch is invalid.');
  if (req.memberEpoch > 0 && req.memberId === '') return invalid('MemberId can\'t be empty.');
  if (req.memberEpoch === 0) {
    if (req.rebalanceTimeoutMs === -1) return invalid('RebalanceTimeoutMs must be provided in first request.');
    if (req.topicPartitions === null || req.topicPartitions.length > 0) return invalid('TopicPartitions must be empty when (re-)joining.');
    if (req.subscribedTopicNames === null && req.subscribedTopicRegex === null) {
      return invalid('SubscribedTopicNames or SubscribedTopicRegex must be set in first request.');
    }
  }
  if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH && req.instanceId === null) {
    return invalid('InstanceId can\'t be null when MemberEpoch is -2.');
  }
  if (req.subscribedTopicRegex !== null && req.subscribedTopicRegex !== '' && compileRegex(req.subscribedTopicRegex) === null) {
    return invalid(`SubscribedTopicRegex \`${req.subscribedTopicRegex}\` is not a valid regular expression.`);
  }
  if (req.serverAssignor !== null && !assignors.includes(req.serverAssignor)) {
    return { errorCode: ErrorCode.UNSUPPORTED_ASSIGNOR, message: `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ${assignors.join(', ')}.` };
  }
  return null;
}
