import { describe, expect, it } from "vitest";
import { isTrustedSignupOrigin, parseSignupMessage } from "./embedded-signup-events";

describe("isTrustedSignupOrigin", () => {
  it.each([
    "https://facebook.com",
    "https://www.facebook.com",
    "https://web.facebook.com",
    "https://business.facebook.com",
  ])("trusts %s", (origin) => {
    expect(isTrustedSignupOrigin(origin)).toBe(true);
  });

  it.each([
    "https://evilfacebook.com",
    "https://facebook.com.evil.io",
    "https://www.facebook.com.evil.io",
    "https://facebook.co",
    "http://facebook.com",
    "http://www.facebook.com",
    "https://facebook.com:8443",
    "https://facebook.com/",
    "https://user@facebook.com",
    "wss://www.facebook.com",
    "facebook.com",
    "null",
    "",
    "not a url at all",
    "javascript:alert(1)//.facebook.com",
  ])("refuses %s", (origin) => {
    expect(isTrustedSignupOrigin(origin)).toBe(false);
  });

  it("trusts exactly the one extra origin given, and nothing near it", () => {
    const own = "http://localhost:3000";
    expect(isTrustedSignupOrigin(own, own)).toBe(true);
    expect(isTrustedSignupOrigin("http://localhost:3001", own)).toBe(false);
    expect(isTrustedSignupOrigin("http://localhost:3000.evil.io", own)).toBe(false);
    expect(isTrustedSignupOrigin("https://localhost:3000", own)).toBe(false);
    expect(isTrustedSignupOrigin(own)).toBe(false);
    expect(isTrustedSignupOrigin("null", "null")).toBe(false);
    expect(isTrustedSignupOrigin("https://www.facebook.com", own)).toBe(true);
  });
});

const message = (event: string, data: unknown, version?: string) =>
  JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", event, data, ...(version && { version }) });

describe("parseSignupMessage", () => {
  it("reads a v4 FINISH sent as a JSON string", () => {
    expect(
      parseSignupMessage(
        message(
          "FINISH",
          {
            phone_number_id: "106540352242922",
            waba_id: "102290129340398",
            business_id: "2729063490586005",
          },
          "4",
        ),
      ),
    ).toEqual({
      kind: "finish",
      event: "FINISH",
      wabaId: "102290129340398",
      phoneNumberId: "106540352242922",
      businessId: "2729063490586005",
    });
  });

  it("accepts the same message as an object, and ids as numbers", () => {
    expect(
      parseSignupMessage({
        type: "WA_EMBEDDED_SIGNUP",
        event: "FINISH",
        data: { phone_number_id: 106540352242922, waba_id: 102290129340398 },
      }),
    ).toEqual({
      kind: "finish",
      event: "FINISH",
      wabaId: "102290129340398",
      phoneNumberId: "106540352242922",
    });
  });

  it("reads v2 and v3 shapes (no version, data as a nested JSON string)", () => {
    expect(
      parseSignupMessage(message("FINISH", { phone_number_id: "1", waba_id: "2" })),
    ).toMatchObject({ kind: "finish", wabaId: "2", phoneNumberId: "1" });
    expect(
      parseSignupMessage(
        JSON.stringify({
          type: "WA_EMBEDDED_SIGNUP",
          event: "FINISH",
          version: 3,
          data: JSON.stringify({ phone_number_id: "3", waba_id: "4" }),
        }),
      ),
    ).toMatchObject({ kind: "finish", wabaId: "4", phoneNumberId: "3" });
  });

  it("FINISH_ONLY_WABA has no phone number, even if one is sent", () => {
    expect(
      parseSignupMessage(message("FINISH_ONLY_WABA", { waba_id: "5", phone_number_id: "6" }, "4")),
    ).toEqual({ kind: "finish", event: "FINISH_ONLY_WABA", wabaId: "5" });
  });

  it("counts Coexistence and unknown FINISH_* events as finishes", () => {
    expect(
      parseSignupMessage(
        message("FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING", { waba_id: "7", phone_number_id: "8" }),
      ),
    ).toMatchObject({ kind: "finish", event: "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING" });
    expect(parseSignupMessage(message("FINISH_SOMETHING_NEW", { waba_id: "9" }))).toMatchObject({
      kind: "finish",
      event: "FINISH_SOMETHING_NEW",
      wabaId: "9",
    });
    expect(parseSignupMessage(message("FINISH", { waba_ids: ["10", "11"] }))).toMatchObject({
      wabaId: "10",
    });
  });

  it("ignores a finish without a WABA id or with ids that are not numbers", () => {
    expect(parseSignupMessage(message("FINISH", { phone_number_id: "1" }))).toBeNull();
    expect(
      parseSignupMessage(message("FINISH", { waba_id: "<script>", phone_number_id: "x" })),
    ).toBeNull();
    expect(
      parseSignupMessage(message("FINISH", { waba_id: "12", phone_number_id: "1 OR 1=1" })),
    ).toEqual({ kind: "finish", event: "FINISH", wabaId: "12" });
  });

  it("reads CANCEL with the step the person left at", () => {
    expect(
      parseSignupMessage(message("CANCEL", { current_step: "PHONE_NUMBER_SETUP" }, "4")),
    ).toEqual({ kind: "cancel", step: "PHONE_NUMBER_SETUP" });
    expect(parseSignupMessage(message("CANCEL", {}))).toEqual({ kind: "cancel" });
    expect(parseSignupMessage(message("CANCEL", undefined))).toEqual({ kind: "cancel" });
  });

  it("reads CANCEL carrying an error_message as an error (a reported problem)", () => {
    expect(
      parseSignupMessage(
        message(
          "CANCEL",
          {
            error_message: "Your business is not eligible",
            error_code: 524126,
            session_id: "f34b3c2d",
            timestamp: 1736954022,
          },
          "4",
        ),
      ),
    ).toEqual({
      kind: "error",
      message: "Your business is not eligible",
      code: "524126",
      sessionId: "f34b3c2d",
    });
  });

  it("reads ERROR (v2 used error_id), with a fallback message", () => {
    expect(
      parseSignupMessage(
        message("ERROR", { error_message: "Boom", error_id: "42", session_id: "s" }),
      ),
    ).toEqual({ kind: "error", message: "Boom", code: "42", sessionId: "s" });
    expect(parseSignupMessage(message("ERROR", {}))).toEqual({
      kind: "error",
      message: "Facebook did not say what went wrong.",
    });
  });

  it.each([
    ["a non-JSON string", "cb=f1a2b3&domain=localhost"],
    ["a JSON string of another type", JSON.stringify({ type: "OTHER", event: "FINISH" })],
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["an array", ["WA_EMBEDDED_SIGNUP"]],
    ["an unknown event", message("STARTED", { waba_id: "1" })],
    ["a missing event", JSON.stringify({ type: "WA_EMBEDDED_SIGNUP" })],
  ])("ignores %s", (_name, data) => {
    expect(parseSignupMessage(data)).toBeNull();
  });
});
