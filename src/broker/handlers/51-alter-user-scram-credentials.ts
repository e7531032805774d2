// AlterUserScramCredentials (key 51), v0. Forwarded to the active controller like every metadata
// write (controller/scram-credentials.ts has the validation, as Kafka's ScramControlManager); the
// answer comes once this broker's image has the new UserScramCredentialRecords, so a client that
// authenticates right after with the new password succeeds on this broker.
import {
  AlterUserScramCredentialsApi, type AlterUserScramCredentialsRequest, type AlterUserScramCredentialsResponse,
} from '../../../protocol/generated/api/51-alter-user-scram-credentials.js';
import { toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const alterUserScramCredentialsHandler = handler<AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponse>({
  api: AlterUserScramCredentialsApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    return toController(ctx, AlterUserScramCredentialsApi, req);
  },
});
