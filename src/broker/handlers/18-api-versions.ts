// ApiVersions (key 18), v0-v4.
// Lists every API and version range the listener serves (derived from the handler registry), and
// the features it supports and has finalized: metadata.version and the others from the metadata
// image, kraft.version from the quorum once it is 1 (as Kafka's KRaftMetadataCache lists it).
// A request at a version above what we serve is answered by the dispatcher with
// UNSUPPORTED_VERSION in the v0 layout, as Kafka does, so any client can read it.
// Not implemented: client software name/version validation (accepted and ignored).
import { ApiVersionsApi, type ApiVersionsRequest, type ApiVersionsResponse } from '../../../protocol/generated/api/18-api-versions.js';
import { handler } from '../handler.js';
import { SUPPORTED_FEATURES } from '../features.js';
import { KRAFT_VERSION } from '../../controller/features.js';

export const apiVersionsHandler = handler<ApiVersionsRequest, ApiVersionsResponse>({
  api: ApiVersionsApi,
  minVersion: 0,
  maxVersion: 4,
  listeners: ['broker', 'controller'],
  handle(_req, { services, listenerType }) {
    const image = services.image();
    const finalized = new Map(image.features);
    const kraftVersion = services.quorum.kraftVersion();
    if (kraftVersion > 0) finalized.set(KRAFT_VERSION, kraftVersion);
    return {
      errorCode: 0,
      apiKeys: services.supportedApis(listenerType),
      throttleTimeMs: 0,
      supportedFeatures: SUPPORTED_FEATURES.map((f) => ({ name: f.name, minVersion: f.minVersion, maxVersion: f.maxVersion })),
      finalizedFeaturesEpoch: image.offset,
      finalizedFeatures: [...finalized].map(([name, level]) => ({ name, minVersionLevel: level, maxVersionLevel: level })),
      zkMigrationReady: false,
    };
  },
});
