// UpdateFeatures (key 57), v0-v2.
// Forwarded to the active controller, which checks each level against its own and every
// registered broker's supported range and commits FeatureLevelRecords (see
// src/controller/features.ts); kraft.version is raised through the quorum (kraft-version-update.ts). v0 has no upgrade type: allow_downgrade picks a safe downgrade.
// v2 leaves out the per-feature results of a successful request, as Kafka 4.0 does.
// Needs ALTER on the cluster.
import {
  UpdateFeaturesApi, type UpdateFeaturesRequest, type UpdateFeaturesResponse,
} from '../../../protocol/generated/api/57-update-features.js';
import { AclOperation } from '../../metadata/acls.js';
import { UpgradeType } from '../../controller/features.js';
import { clusterOperationRefusal } from '../access.js';
import { handler } from '../handler.js';
import { kraftVersionUpdate, updateFeaturesHere } from '../kraft-version-update.js';

export const updateFeaturesHandler = handler<UpdateFeaturesRequest, UpdateFeaturesResponse>({
  api: UpdateFeaturesApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  async handle(req, ctx) {
    const refusal = clusterOperationRefusal(ctx, UpdateFeaturesApi, AclOperation.ALTER);
    if (refusal) return refusal;
    const { services, version, listenerType } = ctx;
    const request = version === 0
      ? { ...req, featureUpdates: req.featureUpdates.map((u) => ({ ...u, upgradeType: u.allowDowngrade ? UpgradeType.SAFE_DOWNGRADE : UpgradeType.UPGRADE })) }
      : req;
    // On the controller listener the request was forwarded here: serve it, never forward again. One
    // with kraft.version is served by the quorum leader, which is also the active controller.
    const here = listenerType === 'controller' || (kraftVersionUpdate(request) !== undefined && services.quorum.isLeader());
    const res = here
      ? await updateFeaturesHere(services, request)
      : await services.controller.call(UpdateFeaturesApi, version, request);
    return version >= 2 ? { ...res, results: [] } : res;
  },
});
