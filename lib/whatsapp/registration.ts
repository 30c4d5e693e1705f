import type { PhoneNumberDetails } from "./graph-schemas";

export type CloudApiRegistration = "registered" | "not_registered" | "unknown";

/**
 * Whether Meta reports the number as registered for the Cloud API, from its own fields.
 *
 * Meta documents `platform_type` as the platform the number is registered with: `CLOUD_API`,
 * `ON_PREMISE` (the retired On-Premises API) or `NOT_APPLICABLE` (registered with neither). That
 * is the field that answers the question. The others do not: `code_verification_status` is the
 * SMS or voice check that the business owns the number (it reads `EXPIRED` on many registered
 * numbers), `name_status` is the display name's review, and `status` is the operating state
 * (`CONNECTED`, `PENDING`, `FLAGGED`, `RATE_LIMITED`…), which says how the number is doing, not
 * where it is registered.
 *
 * A value Meta has not documented, or no `platform_type` at all, is "unknown": the number is
 * treated as usable, and the first send answered 133010 flags it instead.
 */
export function cloudApiRegistration(
  number: Pick<PhoneNumberDetails, "platform_type">,
): CloudApiRegistration {
  if (number.platform_type === "CLOUD_API") return "registered";
  if (number.platform_type === "NOT_APPLICABLE" || number.platform_type === "ON_PREMISE")
    return "not_registered";
  return "unknown";
}
