// SaslHandshake (key 17), v0-v1. After v0 the mechanism's messages come as bare size-prefixed
// tokens instead of SaslAuthenticate requests (the dispatcher handles those); librdkafka needs v0
// advertised before it uses SaslAuthenticate at all.
// Picks the mechanism of a SASL listener's connection (see sasl/session.ts): an unknown or
// disabled mechanism answers UNSUPPORTED_SASL_MECHANISM with the enabled list and closes the
// connection, a handshake out of turn answers ILLEGAL_SASL_STATE and closes it. On a listener
// without SASL it answers ILLEGAL_SASL_STATE, as Kafka's KafkaApis does.
import { ErrorCode } from '../../../protocol/errors.js';
import { SaslHandshakeApi, type SaslHandshakeRequest, type SaslHandshakeResponse } from '../../../protocol/generated/api/17-sasl-handshake.js';
import { handler } from '../handler.js';

export const saslHandshakeHandler = handler<SaslHandshakeRequest, SaslHandshakeResponse>({
  api: SaslHandshakeApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['broker', 'controller'],
  handle(req, { connection, version }) {
    const sasl = connection.sasl;
    if (sasl === undefined) return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] };
    const { response, end } = sasl.handshake(req.mechanism);
    if (end) connection.endAfterResponse = true;
    else if (version === 0) sasl.rawTokens = true;
    return response;
  },
});
