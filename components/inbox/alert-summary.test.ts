import { describe, expect, it } from "vitest";
import { alertSummary } from "./alert-summary";

const base = {
  createdAt: "2026-01-01T10:00:00.000Z",
  alertStatus: null,
  alertSent: false,
  whatsappDeliveredAt: null,
  emailedAt: null,
  error: null,
};

describe("staff alert in the inbox", () => {
  it("tells sent from delivered from failed, and says why none went", () => {
    expect(alertSummary({ ...base, alertSent: true, alertStatus: "sent" })).toBe(
      "Staff alert sent by WhatsApp, not yet delivered.",
    );
    expect(
      alertSummary({
        ...base,
        alertSent: true,
        alertStatus: "delivered",
        whatsappDeliveredAt: "2026-01-01T10:00:05.000Z",
      }),
    ).toBe("Staff alert delivered by WhatsApp.");
    expect(
      alertSummary({
        ...base,
        alertSent: true,
        alertStatus: "failed",
        error: "WhatsApp: Message undeliverable (131026)",
      }),
    ).toBe("Staff alert failed: WhatsApp: Message undeliverable (131026).");
    expect(
      alertSummary({
        ...base,
        emailedAt: "2026-01-01T10:00:01.000Z",
        error: "WhatsApp alert not sent: no approved alert template is chosen in bot settings",
      }),
    ).toBe(
      "WhatsApp alert not sent: no approved alert template is chosen in bot settings. Staff alert e-mailed.",
    );
    expect(alertSummary(base)).toBe("No staff alert went out: none is set up in bot settings.");
  });
});
