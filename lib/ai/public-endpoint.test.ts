import { describe, expect, it } from "vitest";
import { assertPublicEndpoint, isInternalAddress } from "./public-endpoint";

const resolveTo = (addresses: string[]) => async () => addresses;

describe("tenant AI endpoints", () => {
  it("recognises internal addresses in every spelling", () => {
    for (const a of [
      "127.0.0.1",
      "10.2.3.4",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
    ]) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "104.18.6.192", "2606:4700::6812:6c0"]) {
      expect(isInternalAddress(a), a).toBe(false);
    }
  });

  it("refuses http, internal literals, and names that resolve inside the network", async () => {
    const refuse = (url: string, addresses: string[] = ["8.8.8.8"]) =>
      expect(assertPublicEndpoint(new URL(url), resolveTo(addresses))).rejects.toThrow();
    await refuse("http://api.example.com/v1");
    await refuse("https://127.0.0.1/v1");
    await refuse("https://[::ffff:127.0.0.1]/v1");
    await refuse("https://[::ffff:169.254.169.254]/latest");
    await refuse("https://localhost./v1", ["127.0.0.1"]);
    await refuse("https://metadata.google.internal./", ["169.254.169.254"]);
    await refuse("https://127.0.0.1.nip.io/", ["127.0.0.1"]);
    await refuse("https://mixed.example/", ["8.8.8.8", "10.0.0.1"]);
    await refuse("https://nowhere.example/", []);
    await expect(
      assertPublicEndpoint(new URL("https://api.groq.com/openai/v1"), resolveTo(["104.18.6.192"])),
    ).resolves.toBeUndefined();
  });
});
