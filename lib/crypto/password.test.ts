import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("correct horse battery", cheap);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const a = await hashPassword("same password!", cheap);
    const b = await hashPassword("same password!", cheap);
    expect(a).not.toBe(b);
  });

  it("treats a malformed stored value as a mismatch", async () => {
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });

  it("uses the strong default cost", async () => {
    expect(await hashPassword("a long enough one")).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});
