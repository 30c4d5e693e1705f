import proxyAddr from "proxy-addr";

/**
 * Which peers may tell us who the client is through `X-Forwarded-For`: none (the socket address
 * is the client), the nearest `hops` proxies, or peers inside the listed ranges. Express's
 * trust-proxy semantics, applied by `proxy-addr`.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | RangeTrust;
type RangeTrust = { kind: "ranges"; ranges: string[] };

export const NO_PROXY: TrustProxy = { kind: "none" };

const MAX_HOPS = 20;

/** Parses `TRUST_PROXY`; throws a message that names the bad part. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? "";
  if (value === "") return NO_PROXY;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS) throw new Error(`must be a number of proxy hops from 0 to ${MAX_HOPS}`);
    return hops === 0 ? NO_PROXY : { kind: "hops", hops };
  }
  const ranges = value.split(",").map((r) => r.trim());
  for (const range of ranges) {
    if (/^(true|yes|on|all|\*)$/i.test(range)) {
      throw new Error(
        `"${range}" would believe any client's X-Forwarded-For; give a number of hops or the proxies' addresses`,
      );
    }
    try {
      proxyAddr.compile(range);
    } catch {
      throw new Error(
        `"${range}" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal (e.g. TRUST_PROXY=1 or TRUST_PROXY=10.0.0.0/8,192.168.1.7)`,
      );
    }
  }
  return { kind: "ranges", ranges };
}

/** The `proxy-addr` trust function: is the peer at `addr`, `i` hops from us, a proxy we trust? */
export function trustFunction(trust: TrustProxy): (addr: string, i: number) => boolean {
  switch (trust.kind) {
    case "none":
      return () => false;
    case "hops":
      return (_addr, i) => i < trust.hops;
    case "ranges":
      return proxyAddr.compile(trust.ranges);
  }
}
