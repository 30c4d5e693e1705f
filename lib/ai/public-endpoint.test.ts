import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertPublicEndpoint,
  createPublicOnlyFetch,
  isEndpointRefused,
  isPublicAddress,
  pinnedDispatcher,
} from "./public-endpoint";

const resolveTo = (addresses: string[]) => async () => addresses;

describe("tenant AI endpoints", () => {
  it.each([
    ["unspecified", "0.0.0.0"],
    ["this network", "0.1.2.3"],
    ["loopback", "127.0.0.1"],
    ["loopback, anywhere in 127/8", "127.255.0.9"],
    ["private 10/8", "10.2.3.4"],
    ["private 172.16/12", "172.20.0.1"],
    ["private 192.168/16", "192.168.1.1"],
    ["link-local (cloud metadata)", "169.254.169.254"],
    ["carrier-grade NAT", "100.64.0.1"],
    ["IETF protocol assignments", "192.0.0.8"],
    ["documentation TEST-NET-1 (this server's own address here)", "192.0.2.2"],
    ["documentation TEST-NET-2", "198.51.100.7"],
    ["documentation TEST-NET-3", "203.0.113.9"],
    ["benchmarking", "198.18.0.1"],
    ["benchmarking, upper half", "198.19.255.1"],
    ["6to4 relay anycast", "192.88.99.1"],
    ["multicast", "224.0.0.1"],
    ["multicast, high", "239.255.255.250"],
    ["reserved 240/4", "240.0.0.1"],
    ["broadcast", "255.255.255.255"],
    ["IPv6 unspecified", "::"],
    ["IPv6 loopback", "::1"],
    ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
    ["IPv4-mapped loopback, hex", "::ffff:7f00:1"],
    ["IPv4-mapped metadata, hex", "::ffff:a9fe:a9fe"],
    ["IPv4-mapped private", "::ffff:10.0.0.1"],
    ["IPv4-translated (SIIT)", "::ffff:0:7f00:1"],
    ["IPv4-translated, public inside", "::ffff:0:808:808"],
    ["IPv4-compatible loopback", "::127.0.0.1"],
    ["IPv4-compatible, public inside", "::8.8.8.8"],
    ["IPv4-compatible, hex", "::7f00:1"],
    ["bracketed IPv4-compatible", "[::127.0.0.1]"],
    ["6to4", "2002:7f00:1::1"],
    ["6to4 of a public address", "2002:808:808::1"],
    ["Teredo", "2001::1"],
    ["Teredo, full", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
    ["NAT64", "64:ff9b::7f00:1"],
    ["NAT64 local-use", "64:ff9b:1::1"],
    ["documentation 2001:db8::/32", "2001:db8::1"],
    ["documentation 3fff::/20", "3fff::1"],
    ["benchmarking 2001:2::/48", "2001:2::1"],
    ["ORCHIDv2", "2001:20::1"],
    ["discard-only", "100::1"],
    ["unique local", "fd00::1"],
    ["unique local fc00", "fc00::1"],
    ["link-local", "fe80::1"],
    ["link-local with a zone", "fe80::1%eth0"],
    ["site-local (deprecated)", "fec0::1"],
    ["multicast", "ff02::1"],
    ["outside global unicast", "4000::1"],
    ["not an address", "example.com"],
    ["empty", ""],
  ])("refuses %s: %s", (_kind, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "104.18.6.192",
    "::ffff:8.8.8.8",
    "2606:4700::6812:6c0",
    "2a00:1450:4001:80b::200e",
  ])("allows the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("refuses http, internal literals, and names that resolve inside the network", async () => {
    const refuse = (url: string, addresses: string[] = ["8.8.8.8"]) =>
      expect(assertPublicEndpoint(new URL(url), resolveTo(addresses))).rejects.toThrow();
    await refuse("http://api.example.com/v1");
    await refuse("https://127.0.0.1/v1");
    await refuse("https://2130706433/v1");
    await refuse("https://[::127.0.0.1]/v1");
    await refuse("https://[::ffff:0:7f00:1]/v1");
    await refuse("https://[2002:c000:202::1]/v1");
    await refuse("https://[::ffff:127.0.0.1]/v1");
    await refuse("https://[::ffff:169.254.169.254]/latest");
    await refuse("https://localhost./v1", ["127.0.0.1"]);
    await refuse("https://metadata.google.internal./", ["169.254.169.254"]);
    await refuse("https://127.0.0.1.nip.io/", ["127.0.0.1"]);
    await refuse("https://own.example/", ["192.0.2.2"]);
    await refuse("https://mixed.example/", ["8.8.8.8", "10.0.0.1"]);
    await refuse("https://nowhere.example/", []);
    await expect(
      assertPublicEndpoint(new URL("https://api.groq.com/openai/v1"), resolveTo(["104.18.6.192"])),
    ).resolves.toBeUndefined();
  });
});

describe("connecting to a tenant's endpoint", () => {
  // Stand-ins on this machine: 127.0.0.1 is the forbidden inside, 127.0.0.2 plays a public host.
  const hits = { inside: 0, outside: 0 };
  let inside: Server;
  let outside: Server;
  let port: number;
  const listen = (server: Server, host: string, p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, host, () => resolve());
    });

  beforeAll(async () => {
    outside = createServer((_req, res) => {
      hits.outside++;
      res.end("outside");
    });
    inside = createServer((_req, res) => {
      hits.inside++;
      res.end("inside");
    });
    // Both on one port, so only the address decides which is reached; retried if it is taken.
    for (let attempt = 0; ; attempt++) {
      await listen(outside, "127.0.0.2", 0);
      port = (outside.address() as AddressInfo).port;
      const taken = await listen(inside, "127.0.0.1", port).then(
        () => false,
        (error: unknown) => {
          if (attempt >= 5) throw error;
          return true;
        },
      );
      if (!taken) break;
      await new Promise((resolve) => outside.close(resolve));
    }
  });
  afterAll(async () => {
    for (const s of [inside, outside]) await new Promise((resolve) => s.close(resolve));
  });

  it("connects to the address it checked, so a name that rebinds to an inside address gains nothing", async () => {
    const answers = [["127.0.0.2"], ["127.0.0.1"], ["127.0.0.1"]];
    let lookups = 0;
    const rebinding = async () => answers[lookups++] ?? ["127.0.0.1"];
    const allow = (a: string) => a === "127.0.0.2";
    const dispatcher = pinnedDispatcher(rebinding, allow);
    // A fresh connection pool: the same name is looked up again.
    const later = pinnedDispatcher(rebinding, allow);
    try {
      // One lookup, checked and used: the check and the connection cannot see different answers.
      const first = await undiciFetch(`http://rebind.test:${port}/`, { dispatcher });
      expect(await first.text()).toBe("outside");
      expect(lookups).toBe(1);
      // The name now answers with the inside address: refused before any connection is made.
      const second = await undiciFetch(`http://rebind.test:${port}/`, {
        dispatcher: later,
      }).then(
        () => null,
        (error: { cause?: unknown }) => error.cause,
      );
      expect(isEndpointRefused(second)).toBe(true);
      expect(lookups).toBe(2);
      expect(hits).toEqual({ outside: 1, inside: 0 });
    } finally {
      await Promise.all([dispatcher.close(), later.close()]);
    }
  });

  it("refuses, before connecting, names resolving inside, address literals inside, and http", async () => {
    const publicOnly = createPublicOnlyFetch(resolveTo(["127.0.0.1"]));
    for (const url of [
      `https://internal.test:${port}/v1/chat/completions`,
      `https://127.0.0.1:${port}/v1`,
      `https://[::ffff:7f00:1]:${port}/v1`,
      `https://[::127.0.0.1]:${port}/v1`,
      `http://8.8.8.8:${port}/v1`,
    ]) {
      const error = await publicOnly(url, { method: "POST", body: "{}" }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isEndpointRefused(error), url).toBe(true);
    }
    expect(hits.inside).toBe(0);
  });
});
