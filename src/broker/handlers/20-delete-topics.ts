// DeleteTopics (key 20), v0-v6.
// Forwarded to the active controller, which commits a RemoveTopicRecord per topic (by name, or by
// id from v6). Unknown names get UNKNOWN_TOPIC_OR_PARTITION, unknown ids UNKNOWN_TOPIC_ID,
// __cluster_metadata INVALID_TOPIC_EXCEPTION, and delete.topic.enable=false TOPIC_DELETION_DISABLED.
// Each broker deletes the partition directories when it applies the record.
import { DeleteTopicsApi, type DeleteTopicsRequest, type DeleteTopicsResponse } from '../../../protocol/generated/api/20-delete-topics.js';
import { handler } from '../handler.js';

export const deleteTopicsHandler = handler<DeleteTopicsRequest, DeleteTopicsResponse>({
  api: DeleteTopicsApi,
  minVersion: 0,
  maxVersion: 6,
  listeners: ['broker', 'controller'],
  handle(req, { services, version, listenerType }) {
    // On the controller listener the request was forwarded here: serve it, never forward again.
    if (listenerType === 'controller') return services.controller.callLocal(DeleteTopicsApi, req);
    return services.controller.call(DeleteTopicsApi, version, req);
  },
});
