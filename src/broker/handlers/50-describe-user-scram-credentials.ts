// DescribeUserScramCredentials (key 50), v0. Served from this broker's metadata image, as a KRaft
// broker does (Kafka's ScramImage.describe): every user with credentials when the list is null or
// empty; a named user without any is RESOURCE_NOT_FOUND, a user named twice DUPLICATE_RESOURCE.
// Only mechanisms and iterations are described, never salts or keys.
import { ErrorCode } from '../../../protocol/errors.js';
import {
  DescribeUserScramCredentialsApi, type DescribeUserScramCredentialsRequest, type DescribeUserScramCredentialsResponse,
} from '../../../protocol/generated/api/50-describe-user-scram-credentials.js';
import { handler } from '../handler.js';

export const describeUserScramCredentialsHandler = handler<DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponse>({
  api: DescribeUserScramCredentialsApi,
  minVersion: 0,
  maxVersion: 0,
  handle(req, { services }) {
    const credentials = services.image().scramCredentials;
    // user -> named more than once
    const users = new Map<string, boolean>();
    if (req.users === null || req.users.length === 0) for (const user of credentials.keys()) users.set(user, false);
    else for (const { name } of req.users) users.set(name, users.has(name));
    const results = [...users].map(([user, duplicate]) => {
      if (duplicate) {
        return { user, errorCode: ErrorCode.DUPLICATE_RESOURCE, errorMessage: `Cannot describe SCRAM credentials for the same user twice in a single request: ${user}`, credentialInfos: [] };
      }
      const byMechanism = credentials.get(user);
      if (byMechanism === undefined || byMechanism.size === 0) {
        return { user, errorCode: ErrorCode.RESOURCE_NOT_FOUND, errorMessage: `Attempt to describe a user credential that does not exist: ${user}`, credentialInfos: [] };
      }
      const credentialInfos = [...byMechanism].sort(([a], [b]) => a - b).map(([mechanism, c]) => ({ mechanism, iterations: c.iterations }));
      return { user, errorCode: ErrorCode.NONE, errorMessage: null, credentialInfos };
    });
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, results };
  },
});
