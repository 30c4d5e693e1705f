import { describe, expect, it } from "vitest";
import { phoneNumberResponse } from "./graph-schemas";
import { cloudApiRegistration } from "./registration";

describe("cloudApiRegistration", () => {
  it.each([
    [{ platform_type: "CLOUD_API", status: "CONNECTED" }, "registered"],
    // Registered numbers often show an expired ownership code: it does not matter here.
    [{ platform_type: "CLOUD_API", code_verification_status: "EXPIRED" }, "registered"],
    [
      { platform_type: "CLOUD_API", status: "FLAGGED", name_status: "PENDING_REVIEW" },
      "registered",
    ],
    [{ platform_type: "NOT_APPLICABLE", status: "PENDING" }, "not_registered"],
    [{ platform_type: "NOT_APPLICABLE", code_verification_status: "VERIFIED" }, "not_registered"],
    [{ platform_type: "ON_PREMISE", status: "CONNECTED" }, "not_registered"],
    [{ status: "PENDING" }, "unknown"],
    [{ platform_type: "SOMETHING_META_ADDS_LATER" }, "unknown"],
  ])("reads %o as %s", (fields, expected) => {
    // Through the client's schema: unknown values are kept, never refused.
    const parsed = phoneNumberResponse.parse({ id: "1", ...fields });
    expect(cloudApiRegistration(parsed)).toBe(expected);
  });
});
