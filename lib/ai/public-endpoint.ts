import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch } from "undici";
import { hasBrand, setBrand } from "@/lib/errors/brand";

// A tenant's AI endpoint must be somewhere on the public internet: never this server, its
// network, the cloud metadata service, or any special-use range in any spelling. ipaddr.js
// knows the IANA special-purpose registries; everything it does not call "unicast" is refused.

// IANA's global unicast block: IPv6 addresses outside it (IPv4-compatible ::a.b.c.d, unassigned
// space) are refused too, ipaddr.js calling them unicast notwithstanding.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * Parses an address as the OS would connect to it. IPv6 goes through the URL parser first, which
 * writes it in hexadecimal: ipaddr.js alone reads `::127.0.0.1` as `::ffff:127.0.0.1`.
 */
function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.replace(/^\[|\]$/g, "");
  const kind = isIP(bare);
  if (kind === 4) return ipaddr.IPv4.parse(bare);
  if (kind !== 6 || bare.includes("%")) return null;
  return ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1));
}

/** True only for a public unicast address; IPv4-mapped IPv6 is judged as the IPv4 inside. */
export function isPublicAddress(address: string): boolean {
  const parsed = parse(address);
  if (!parsed) return false;
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === "unicast";
  return v6.range() === "unicast" && v6.match(GLOBAL_UNICAST_V6);
}

export const isInternalAddress = (address: string): boolean => !isPublicAddress(address);

export class EndpointRefused extends Error {
  override name = "EndpointRefused";
  constructor(message: string) {
    super(message);
    setBrand(this, "EndpointRefused");
  }
}

export const isEndpointRefused = (error: unknown): error is EndpointRefused =>
  hasBrand(error, "EndpointRefused");

type Resolve = (host: string) => Promise<string[]>;
type Allow = (address: string) => boolean;

const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

const notPublic = () =>
  new EndpointRefused(
    "Use a public address: this server does not call addresses on its own network.",
  );

async function resolveChecked(host: string, resolve: Resolve, allow: Allow): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw new EndpointRefused(`The address ${host} could not be found.`);
  }
  if (addresses.length === 0 || !addresses.every(allow)) throw notPublic();
  return addresses;
}

/** Refuses anything but https to a host whose every address is public (the settings form's check). */
export async function assertPublicEndpoint(
  url: URL,
  resolve: Resolve = systemResolve,
): Promise<void> {
  if (url.protocol !== "https:") throw new EndpointRefused("Use an https:// address.");
  await resolveChecked(url.hostname.replace(/^\[|\]$/g, ""), resolve, isPublicAddress);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net and tls: resolves the name once, refuses unless every address is allowed,
 * and hands the socket only the addresses it checked. The connection goes where the check
 * looked, so a name that answers differently a moment later (DNS rebinding) gains nothing.
 */
export function checkedLookup(resolve: Resolve = systemResolve, allow: Allow = isPublicAddress) {
  return (host: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveChecked(host, resolve, allow).then(
      (addresses) => {
        const entries = addresses.map((address) => ({ address, family: isIP(address) }));
        const first = entries[0] as LookupAddress;
        if (options.all) callback(null, entries);
        else callback(null, first.address, first.family);
      },
      (error: EndpointRefused) => callback(error, ""),
    );
  };
}

/** An HTTP dispatcher whose every connection goes only to an address `checkedLookup` allowed. */
export function pinnedDispatcher(resolve?: Resolve, allow?: Allow): Agent {
  return new Agent({ connect: { lookup: checkedLookup(resolve, allow) } });
}

/**
 * fetch for endpoints a tenant chose: https only, connected to a checked public address (an
 * address literal is checked here, as sockets do not look those up), never following redirects,
 * so a public address cannot bounce the request inside the network.
 */
export function createPublicOnlyFetch(resolve?: Resolve): typeof fetch {
  const dispatcher = pinnedDispatcher(resolve);
  return async (input, init) => {
    if (input instanceof Request) throw new TypeError("publicOnlyFetch takes a URL");
    const url = new URL(String(input));
    if (url.protocol !== "https:") throw new EndpointRefused("Use an https:// address.");
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !isPublicAddress(host)) throw notPublic();
    try {
      const response = await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        redirect: "error",
        dispatcher,
      });
      return response as unknown as Response;
    } catch (error) {
      // undici wraps the lookup's refusal in "fetch failed": the refusal is the reason to show.
      const cause = (error as { cause?: unknown }).cause;
      throw isEndpointRefused(cause) ? cause : error;
    }
  };
}

export const publicOnlyFetch = createPublicOnlyFetch();
