import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./signature";

const secret = "app-secret";
const bytes = (s: string) => Buffer.from(s, "utf8");

// Meta signs the body exactly as sent: escaped unicode (\uXXXX) and escaped slashes (\/).
const escaped = String.raw`{"entry":[{"changes":[{"value":{"messages":[{"text":{"body":"\u0645\u0631\u062d\u0628\u0627 \ud83d\ude00 https:\/\/parley.example\/x"}}]}}]}]}`;

describe("webhook signature", () => {
  it("verifies the raw bytes of escaped unicode, RTL text, emoji and escaped slashes", () => {
    expect(verifySignature(bytes(escaped), signPayload(escaped, secret), secret)).toBe(true);
  });

  it("fails if the body is parsed and re-serialised, which is why the raw bytes are used", () => {
    const reserialised = JSON.stringify(JSON.parse(escaped));
    expect(reserialised).toContain("مرحبا 😀 https://parley.example/x");
    expect(verifySignature(bytes(reserialised), signPayload(escaped, secret), secret)).toBe(false);
  });

  it("verifies literal UTF-8 bodies too", () => {
    const literal = '{"text":"שלום 👋🏽 مرحبا"}';
    expect(verifySignature(bytes(literal), signPayload(literal, secret), secret)).toBe(true);
  });

  it("accepts upper-case hex and refuses everything else", () => {
    const good = signPayload(escaped, secret);
    expect(verifySignature(bytes(escaped), `sha256=${good.slice(7).toUpperCase()}`, secret)).toBe(
      true,
    );
    for (const header of [
      null,
      "",
      "sha256=",
      good.slice(0, -1),
      `${good}0`,
      good.replace("sha256", "sha1"),
      `sha256=${"0".repeat(64)}`,
    ]) {
      expect(verifySignature(bytes(escaped), header, secret)).toBe(false);
    }
    expect(verifySignature(bytes(`${escaped} `), good, secret)).toBe(false);
    expect(verifySignature(bytes(escaped), good, "other-secret")).toBe(false);
  });
});
