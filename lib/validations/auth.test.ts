import { describe, expect, it } from "vitest";
import { safeNextPath, signUpSchema } from "./auth";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeNextPath("/kassangas/whatsapp")).toBe("/kassangas/whatsapp");
    expect(safeNextPath("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
    expect(safeNextPath("/app?tab=1")).toBe("/app?tab=1");
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of [
      "https://evil.com",
      "//evil.com",
      "/.//evil.com",
      "/..//evil.com",
      "/\\evil.com",
      "\\\\evil.com",
      "/ /evil.com",
      "javascript:alert(1)",
      "evil.com",
      "",
      42,
      null,
    ]) {
      expect(safeNextPath(bad), String(bad)).toBeNull();
    }
  });
});

describe("sign-up validation", () => {
  it("names each problem by field", () => {
    const result = signUpSchema.safeParse({ name: "", email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["name", "email", "password"]));
  });

  it("refuses repetitive passwords and accepts a sentence", () => {
    const base = { name: "Amina", email: "amina@example.com" };
    expect(signUpSchema.safeParse({ ...base, password: "aaaaaaaaaaaa" }).success).toBe(false);
    expect(signUpSchema.safeParse({ ...base, password: "my shop opens at nine" }).success).toBe(
      true,
    );
  });
});
