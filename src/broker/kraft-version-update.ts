// UpdateFeatures with kraft.version in it, on the node that serves it. The controller checks every
// feature and commits the FeatureLevelRecords of the others; kraft.version itself is a record in
// the Raft log that only the quorum leader can write (src/raft/kraft-upgrade.ts). So the quorum is
// asked first to validate, then the controller commits, then the quorum appends KRaftVersionRecord
// and the VotersRecord. As in Kafka, the two are separate batches: the other features may commit
// and kraft.version fail after them (the answer then says so); repeating the request is safe.
import { UpdateFeaturesApi, type UpdateFeaturesRequest, type UpdateFeaturesResponse } from '../../protocol/generated/api/57-update-features.js';
import { ErrorCode } from '../../protocol/errors.js';
import { KRAFT_VERSION } from '../controller/features.js';
import type { BrokerServices } from './services.js';

export function kraftVersionUpdate(req: UpdateFeaturesRequest): UpdateFeaturesRequest['featureUpdates'][number] | undefined {
  return req.featureUpdates.find((u) => u.feature === KRAFT_VERSION);
}

function failed(errorCode: number, level: number, why: string | null): UpdateFeaturesResponse {
  // Not the leader: NOT_CONTROLLER, so that clients look for the active controller and retry.
  const code = errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER ? ErrorCode.NOT_CONTROLLER : errorCode;
  return { throttleTimeMs: 0, errorCode: code, results: [],
    errorMessage: `The update failed for all features since the following feature had an error: Invalid update version ${level} for feature ${KRAFT_VERSION}. ${why ?? ''}`.trimEnd() };
}

/** Serves UpdateFeatures here, as the active controller and quorum leader. */
export async function updateFeaturesHere(services: BrokerServices, req: UpdateFeaturesRequest): Promise<UpdateFeaturesResponse> {
  const kraft = kraftVersionUpdate(req);
  if (kraft === undefined) return services.controller.callLocal(UpdateFeaturesApi, req);
  const check = await services.quorum.upgradeKraftVersion(kraft.maxVersionLevel, true);
  if (check.errorCode !== ErrorCode.NONE) return failed(check.errorCode, kraft.maxVersionLevel, check.errorMessage);
  const res = await services.controller.callLocal(UpdateFeaturesApi, req);
  if (res.errorCode !== ErrorCode.NONE || req.validateOnly) return res;
  const done = await services.quorum.upgradeKraftVersion(kraft.maxVersionLevel, false);
  return done.errorCode === ErrorCode.NONE ? res : failed(done.errorCode, kraft.maxVersionLevel, done.errorMessage);
}
