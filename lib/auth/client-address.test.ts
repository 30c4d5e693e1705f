import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  addressKey,
  addressResolver,
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  installClientAddressHook,
} from "./client-address";
import { parseTrustProxy } from "./trust-proxy";

const requestFrom = (socketAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: socketAddress },
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe("TRUST_PROXY", () => {
  it("reads a number of hops, a list of addresses and ranges, or nothing", () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: "none" });
    expect(parseTrustProxy(" ")).toEqual({ kind: "none" });
    expect(parseTrustProxy("0")).toEqual({ kind: "none" });
    expect(parseTrustProxy("2")).toEqual({ kind: "hops", hops: 2 });
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.7,fd00::/8")).toEqual({
      kind: "ranges",
      ranges: ["10.0.0.0/8", "192.168.1.7", "fd00::/8"],
    });
    expect(parseTrustProxy("loopback")).toEqual({ kind: "ranges", ranges: ["loopback"] });
  });

  it("refuses what it cannot read, and 'trust everyone', naming the bad part", () => {
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/"10.0.0.0\/33" is not an IP address/);
    expect(() => parseTrustProxy("10.0.0.1,proxy.internal")).toThrow(/"proxy.internal"/);
    expect(() => parseTrustProxy("true")).toThrow(/any client's X-Forwarded-For/);
    expect(() => parseTrustProxy("99")).toThrow(/from 0 to 20/);
    expect(() => parseEnv({ TRUST_PROXY: "10.0.0.0/8,nope" }, "/tmp")).toThrow(
      /TRUST_PROXY: "nope" is not an IP address/,
    );
    expect(parseEnv({ TRUST_PROXY: "1" }, "/tmp").trustProxy).toEqual({ kind: "hops", hops: 1 });
    expect(parseEnv({}, "/tmp").trustProxy).toEqual({ kind: "none" });
  });
});

describe("the client address", () => {
  it("is the socket address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const none = parseTrustProxy(undefined);
    expect(addressResolver(none)(requestFrom("198.51.100.4", "6.6.6.6"))).toBe("198.51.100.4");
    expect(addressResolver(none)(requestFrom("198.51.100.4"))).toBe("198.51.100.4");
  });

  it("behind N trusted hops is the entry the outermost trusted proxy wrote", () => {
    // The client wrote "6.6.6.6"; the first proxy appended the client's real address.
    const forwarded = "6.6.6.6, 203.0.113.7, 10.0.0.2";
    expect(addressResolver(parseTrustProxy("1"))(requestFrom("10.0.0.3", forwarded))).toBe(
      "10.0.0.2",
    );
    expect(addressResolver(parseTrustProxy("2"))(requestFrom("10.0.0.3", forwarded))).toBe(
      "203.0.113.7",
    );
    // More hops trusted than there are: the leftmost entry, which is all there is.
    expect(addressResolver(parseTrustProxy("5"))(requestFrom("10.0.0.3", "203.0.113.7"))).toBe(
      "203.0.113.7",
    );
  });

  it("behind trusted ranges walks back past them, and stops at the first stranger", () => {
    const trust = parseTrustProxy("10.0.0.0/8,192.168.1.7");
    expect(
      addressResolver(trust)(requestFrom("192.168.1.7", "6.6.6.6, 203.0.113.7, 10.1.2.3")),
    ).toBe("203.0.113.7");
    // A peer outside the ranges is the client, even if it sends the header.
    expect(addressResolver(trust)(requestFrom("198.51.100.9", "10.1.2.3"))).toBe("198.51.100.9");
    expect(
      addressResolver(parseTrustProxy("loopback"))(requestFrom("::ffff:127.0.0.1", "203.0.113.8")),
    ).toBe("203.0.113.8");
  });

  it("keys IPv4-mapped addresses as IPv4 and IPv6 by its /64", () => {
    expect(addressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
  });

  it("is never guessed: a request the server did not stamp is refused", () => {
    expect(() => clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toThrow(
      /no client address/,
    );
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "::ffff:10.0.0.5" }))).toBe(
      "10.0.0.5",
    );
  });

  it("is stamped on every request by a real server, over any header a client sends", async () => {
    installClientAddressHook(parseTrustProxy(undefined));
    const server = createServer((req, res) => {
      res.end(String(req.headers[CLIENT_ADDRESS_HEADER]));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const ask = (headers: Record<string, string>) =>
      new Promise<string>((resolve, reject) => {
        httpRequest({ host: "127.0.0.1", port, headers }, (res) => {
          let body = "";
          res.on("data", (d) => {
            body += d;
          });
          res.on("end", () => resolve(body));
        })
          .on("error", reject)
          .end();
      });
    try {
      expect(await ask({})).toBe("127.0.0.1");
      expect(await ask({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" })).toBe("127.0.0.1");
      expect(await ask({ [CLIENT_ADDRESS_HEADER]: "6.6.6.6" })).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
