// SaslAuthenticate (key 36), v0-v2. One message of the mechanism chosen by SaslHandshake (see
// sasl/session.ts). Success sets the connection's principal and, with connections.max.reauth.ms,
// answers the session lifetime (KIP-368, v1+); failure answers SASL_AUTHENTICATION_FAILED and
// closes the connection after the answer. On a listener without SASL: ILLEGAL_SASL_STATE.
import { ErrorCode } from '../../../protocol/errors.js';
import { SaslAuthenticateApi, type SaslAuthenticateRequest, type SaslAuthenticateResponse } from '../../../protocol/generated/api/36-sasl-authenticate.js';
import { handler } from '../handler.js';

export const saslAuthenticateHandler = handler<SaslAuthenticateRequest, SaslAuthenticateResponse>({
  api: SaslAuthenticateApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(req, { connection, services }) {
    const sasl = connection.sasl;
    if (sasl === undefined) {
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SASL is not enabled on this listener', authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 };
    }
    const { response, end, principal } = sasl.authenticate(req.authBytes, services.nowMs());
    if (principal !== undefined) connection.principal = principal;
    if (end) connection.endAfterResponse = true;
    return response;
  },
});
