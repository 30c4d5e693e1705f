import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyAddr from "proxy-addr";
import { type TrustProxy, trustFunction } from "./trust-proxy";

/**
 * Where the server writes the client address it worked out from the socket (and, behind a
 * trusted proxy, `X-Forwarded-For`). Whatever a client sends under this name is replaced.
 */
export const CLIENT_ADDRESS_HEADER = "x-parley-client-address";

/**
 * Works out a request's client address: the socket peer, or, when that peer is a trusted proxy,
 * the nearest untrusted entry of `X-Forwarded-For`. Without a trusted proxy the header is ignored.
 */
export function addressResolver(trust: TrustProxy) {
  const trusted = trustFunction(trust);
  return (request: Pick<IncomingMessage, "headers" | "socket">): string | undefined =>
    request.socket?.remoteAddress ? proxyAddr(request as IncomingMessage, trusted) : undefined;
}

// `next start` hands app code no socket, and copies the socket address into X-Forwarded-For only
// when the client sent none (so a client's own header passes through untouched). Node publishes
// every request on this channel before the server's request handler runs, socket included.
const REQUEST_START = "http.server.request.start";
const installed = globalThis as unknown as { __parleyClientAddressHook?: boolean };

/** Stamps every incoming request with its client address; once per process, before traffic. */
export function installClientAddressHook(trust: TrustProxy): void {
  if (installed.__parleyClientAddressHook) return;
  installed.__parleyClientAddressHook = true;
  const resolve = addressResolver(trust);
  subscribe(REQUEST_START, (message) => {
    const { request } = message as { request: IncomingMessage };
    delete request.headers[CLIENT_ADDRESS_HEADER];
    const address = resolve(request);
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
  });
}

export class UnknownClientAddress extends Error {
  override name = "UnknownClientAddress";
}

/**
 * The client address the server stamped on this request, as a throttle key: IPv4-mapped IPv6 as
 * IPv4, and IPv6 as its /64 (one subscriber's share, so hopping inside it gains nothing).
 */
export function clientAddress(headers: Headers): string {
  const address = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  // Every request through the server has one; a missing one means the hook was not installed,
  // and guessing would let a client choose its own key.
  if (!address) throw new UnknownClientAddress("The request carries no client address");
  return addressKey(address);
}

export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address.slice(0, 100);
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toRFC5952String()}/64`;
}
