import { describe, expect, it } from "vitest";
import { callingCodeOf, normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it("reads international numbers however they are written, into E.164 and wa_id", () => {
    for (const written of [
      "+254 700 123456",
      "+254-700-123-456",
      "00254700123456",
      "+254 (0)700 123456",
    ]) {
      expect(normalizePhone(written)).toEqual({
        ok: true,
        e164: "+254700123456",
        waId: "254700123456",
      });
    }
    expect(normalizePhone("+1 (650) 555-1234")).toMatchObject({ e164: "+16505551234" });
  });

  it("reads a national number in the country of the business's own number", () => {
    expect(normalizePhone("0700 123456", "254")).toMatchObject({ e164: "+254700123456" });
    expect(normalizePhone("(650) 555-1234", "1")).toMatchObject({ e164: "+16505551234" });
  });

  it("reads digits a spreadsheet stripped of their + as an international number", () => {
    expect(normalizePhone("254700123456")).toMatchObject({ e164: "+254700123456" });
    expect(normalizePhone("254700123456", "44")).toMatchObject({ e164: "+254700123456" });
  });

  it("refuses what is no phone number, saying why", () => {
    expect(normalizePhone("")).toEqual({ ok: false, message: "phone is missing" });
    expect(normalizePhone("call me")).toMatchObject({
      ok: false,
      message: expect.stringContaining("letters"),
    });
    expect(normalizePhone("0700 123456")).toMatchObject({
      ok: false,
      message: expect.stringContaining("no country code"),
    });
    expect(normalizePhone("+254 12")).toMatchObject({
      ok: false,
      message: "phone “+254 12” is not a valid number",
    });
    expect(normalizePhone("12", "254")).toMatchObject({
      ok: false,
      message: expect.stringContaining("for country code +254"),
    });
  });

  it("finds the country code of a display number", () => {
    expect(callingCodeOf("+254 700 123456")).toBe("254");
    expect(callingCodeOf("15550783881")).toBe("1");
    expect(callingCodeOf(null)).toBeNull();
  });
});
