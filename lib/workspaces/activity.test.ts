import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/db/queries/audit-log";
import { describeActivity } from "./activity";

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: "00000000-0000-4000-8000-000000000000",
  action: "member.left",
  target: null,
  details: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  actorType: "user",
  actorName: "Ann",
  actorEmail: "ann@shop.test",
  ...over,
});

describe("describeActivity", () => {
  it("names the actor, or says what kind of actor it was", () => {
    expect(describeActivity(entry({})).who).toBe("Ann");
    expect(describeActivity(entry({ actorName: null })).who).toBe("ann@shop.test");
    expect(describeActivity(entry({ actorName: null, actorEmail: null })).who).toBe(
      "A former member",
    );
    expect(describeActivity(entry({ actorType: "cli" })).who).toBe("An operator");
    expect(describeActivity(entry({ actorType: "api_key" })).who).toBe("An API key");
    expect(describeActivity(entry({ actorType: "system" })).who).toBe("Parley");
  });

  it("says what the reminder e-mails were set to", () => {
    const set = entry({ action: "workspace.reminder_changed", details: { minutes: 30 } });
    expect(describeActivity(set).what).toBe(
      "set reminder e-mails to go after 30 minutes nobody opened a conversation",
    );
    const off = entry({ action: "workspace.reminder_changed", details: { minutes: null } });
    expect(describeActivity(off).what).toBe("turned reminder e-mails off");
  });

  it("names changed bot settings as the Bot page does, not by their internal fields", () => {
    const what = describeActivity(
      entry({
        action: "bot.settings_updated",
        details: {
          fields: [
            "timezone",
            "outsideHours",
            "businessHours",
            "alertTemplateName",
            "alertTemplateLanguage",
          ],
        },
      }),
    ).what;
    expect(what).toBe(
      "changed the bot settings (time zone, outside hours, business hours, template for WhatsApp alerts)",
    );
  });

  it("says what happened in plain words", () => {
    const what = (action: string, details: Record<string, unknown>) =>
      describeActivity(entry({ action, details })).what;
    expect(what("invitation.created", { email: "bo@shop.test", role: "agent" })).toBe(
      "invited bo@shop.test as agent",
    );
    expect(what("api_key.revoked", { name: "CRM", prefix: "prl_abcdef" })).toBe(
      "revoked the API key “CRM”",
    );
    expect(what("member.role_changed", { email: "bo@shop.test", from: "agent", to: "admin" })).toBe(
      "changed the role of bo@shop.test from agent to admin",
    );
  });

  it("still reads an action it has no sentence for", () => {
    expect(describeActivity(entry({ action: "inbox.taken_over" })).what).toBe("inbox taken over");
  });
});
