import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { audioSeconds } from "./audio-duration";

const VOICE = readFileSync(new URL("../testing/fixtures/voice-note.webm", import.meta.url));

describe("audioSeconds", () => {
  it("reads how long a recording plays from its container", async () => {
    const seconds = await audioSeconds(VOICE, "audio/webm");
    expect(seconds).toBeGreaterThan(1.8);
    expect(seconds).toBeLessThan(2.1);
  });

  it("has no length for bytes that are not audio", async () => {
    expect(
      await audioSeconds(new TextEncoder().encode("not audio at all"), "audio/ogg"),
    ).toBeNull();
    expect(await audioSeconds(new Uint8Array(), "audio/mpeg")).toBeNull();
  });
});
