import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { hasBrand, setBrand } from "@/lib/errors/brand";

// Addresses a tenant's AI endpoint must not resolve to: this server's own network and the
// cloud metadata service. Checked on the resolved addresses, so DNS names cannot hide them.
const internal = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  internal.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const)
  internal.addSubnet(net, prefix, "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d or ::ffff:hhhh:hhhh). */
function mappedIpv4(address: string): string | null {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address);
  if (!m?.[1]) return null;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex?.[1] || !hex[2]) return null;
  const hi = Number.parseInt(hex[1], 16);
  const lo = Number.parseInt(hex[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

export function isInternalAddress(address: string): boolean {
  const v4 = isIP(address) === 4 ? address : mappedIpv4(address);
  if (v4) return internal.check(v4, "ipv4");
  return isIP(address) === 6 ? internal.check(address, "ipv6") : true;
}

export class EndpointRefused extends Error {
  override name = "EndpointRefused";
  constructor(message: string) {
    super(message);
    setBrand(this, "EndpointRefused");
  }
}

export const isEndpointRefused = (error: unknown): error is EndpointRefused =>
  hasBrand(error, "EndpointRefused");

/** Refuses anything but https to a host whose every address is public. */
export async function assertPublicEndpoint(
  url: URL,
  resolve: (host: string) => Promise<string[]> = async (host) =>
    (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
): Promise<void> {
  if (url.protocol !== "https:") throw new EndpointRefused("Use an https:// address.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw new EndpointRefused(`The address ${url.hostname} could not be found.`);
  }
  if (addresses.length === 0 || addresses.some(isInternalAddress)) {
    throw new EndpointRefused(
      "Use a public address: this server does not call addresses on its own network.",
    );
  }
}

/**
 * fetch for endpoints a tenant chose: checked before every call and never following redirects,
 * so a public address cannot bounce the request inside the network.
 */
export const publicOnlyFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  await assertPublicEndpoint(url);
  return fetch(input, { ...init, redirect: "error" });
};
