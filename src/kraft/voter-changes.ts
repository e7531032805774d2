// The changes of the voter set (and of kraft.version) that the leader makes, and how an
// UpdateRaftVoter request maps onto one: a voter's own announcement (answered once appended, as
// Kafka's UpdateVoterHandler) or an operator's weight change (kraftling's extension, answered once
// committed).
import type { UpdateRaftVoterRequest } from '../../protocol/generated/api/82-update-raft-voter.js';
import type { RaftNode, Voter, VoterChangeResult } from '../raft/index.js';

export type VoterChange = { add: Voter } | { remove: { id: number; directoryId: string } } | { update: Voter }
  | { kraftVersion: { level: number; validateOnly: boolean } } | { weight: { id: number; directoryId: string; weight: number } };

export function applyVoterChange(raft: RaftNode, change: VoterChange): VoterChangeResult {
  if ('add' in change) return raft.addVoter(change.add);
  if ('remove' in change) return raft.removeVoter(change.remove.id, change.remove.directoryId);
  if ('update' in change) return raft.updateVoter(change.update);
  if ('weight' in change) return raft.setVoterWeight(change.weight.id, change.weight.directoryId, change.weight.weight);
  return raft.upgradeKraftVersion(change.kraftVersion.level, change.kraftVersion.validateOnly);
}

export function voterChangeOf(req: UpdateRaftVoterRequest): { change: VoterChange; awaitCommit: boolean } {
  if (req.weight !== -1) return { change: { weight: { id: req.voterId, directoryId: req.voterDirectoryId, weight: req.weight } }, awaitCommit: true };
  const kraftVersion = { min: req.kRaftVersionFeature.minSupportedVersion, max: req.kRaftVersionFeature.maxSupportedVersion };
  const endpoints = req.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port }));
  return { change: { update: { id: req.voterId, directoryId: req.voterDirectoryId, endpoints, kraftVersion, weight: 1 } }, awaitCommit: false };
}
