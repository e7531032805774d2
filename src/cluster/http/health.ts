// /health: a node is healthy when it serves (started, not stopping), is in touch with the active
// controller (it leads the quorum or follows it; a voter cut off past its fetch timeout is looking
// for an election, and its image can no longer be trusted to say whether it is fenced),
// is registered and unfenced in its own metadata image, and its broker has caught up with the
// metadata log (it applied what the quorum had committed when it registered, as Kafka's broker
// waits for before it unfences). The lag in offsets is reported, not judged: it is a moment's
// backlog on a busy cluster.
import type { NodeView } from '../../node/node.js';
import { HttpError } from './http-error.js';

export interface NodeHealth {
  nodeId: number;
  healthy: boolean;
  ready: boolean;
  controllerKnown: boolean;
  controllerId: number;
  unfenced: boolean;
  metadataCaughtUp: boolean;
  metadataOffset: number;
  metadataLagOffsets: number;
}

export function nodeHealth(node: NodeView): NodeHealth {
  const image = node.image();
  const quorum = node.quorum;
  const ready = node.state === 'running';
  const inTouch = quorum !== undefined && (quorum.role === 'leader' || quorum.role === 'follower');
  const controllerKnown = ready && inTouch && quorum.leaderId >= 0;
  const broker = image.brokers.get(node.nodeId);
  const unfenced = ready && broker !== undefined && !broker.fenced;
  const metadataCaughtUp = ready && node.caughtUp;
  const committedTo = quorum ? quorum.highWatermark - 1 : -1;
  return {
    nodeId: node.nodeId,
    healthy: ready && controllerKnown && unfenced && metadataCaughtUp,
    ready, controllerKnown, controllerId: controllerKnown ? quorum!.leaderId : -1, unfenced, metadataCaughtUp,
    metadataOffset: image.offset,
    metadataLagOffsets: Math.max(0, committedTo - image.offset),
  };
}

/** Every node of this process, or the one `?node=` names; healthy only when all of them are. */
export function healthOf(nodes: NodeView[], nodeParam: string | null): { healthy: boolean; nodes: NodeHealth[] } {
  let picked = nodes;
  if (nodeParam !== null) {
    const id = Number(nodeParam);
    picked = nodes.filter((n) => n.nodeId === id);
    if (!/^\d+$/.test(nodeParam) || picked.length === 0) throw new HttpError(404, `no node ${nodeParam} in this process`);
  }
  const out = picked.map(nodeHealth);
  return { healthy: out.length > 0 && out.every((h) => h.healthy), nodes: out };
}
