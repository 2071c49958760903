import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config/trust-proxy.js';

/**
 * The client's address as express's `req.ip` computes it for the same TRUST_PROXY: the socket's
 * peer, unless that peer is a trusted proxy, in which case X-Forwarded-For is walked back past
 * trusted hops only. Socket.io handshakes use it too, so both edges agree on who a client is.
 */
export function clientAddressOf(trust: TrustProxy): (request: IncomingMessage) => string {
  const trusted =
    typeof trust === 'number'
      ? (_address: string, hop: number) => hop < trust
      : proxyaddr.compile(trust === false ? [] : trust);
  return (request) => proxyaddr(request, trusted);
}
