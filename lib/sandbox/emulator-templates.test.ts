import { describe, expect, it } from "vitest";
import { sandboxTemplateId } from "./emulator-templates";

describe("sandbox template ids", () => {
  it("survive a JSON number, as the status webhook carries them", () => {
    for (let i = 0; i < 20_000; i++) {
      const id = sandboxTemplateId();
      expect(id).toMatch(/^[1-9]\d{14}$/);
      expect(String(JSON.parse(`{"id":${id}}`).id)).toBe(id);
    }
  });
});
