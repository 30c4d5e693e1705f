import { describe, expect, it } from "vitest";
import { describeFailure } from "./failure-reasons";

const title = (code: number) => describeFailure(code, null).title;

describe("describeFailure", () => {
  it("explains the closed 24-hour window and points to a template", () => {
    const r = describeFailure(
      131047,
      "Message failed to send because more than 24 hours have passed",
    );
    expect(r.title).toBe("More than 24 hours since the customer last wrote");
    expect(r.advice).toMatch(/template/);
  });

  it("tells apart the customer-side refusals", () => {
    expect(title(131026)).toBe("The customer can't receive WhatsApp messages");
    expect(describeFailure(131026, null).advice).toMatch(/blocked this business/);
    expect(title(131049)).toBe("WhatsApp chose not to deliver this message");
    expect(describeFailure(131049, null).advice).toMatch(/marketing/);
    expect(title(131050)).toBe("The customer stopped marketing messages");
    expect(title(130472)).toBe("The customer is part of a WhatsApp experiment");
    expect(title(131021)).toBe("This message was addressed to the business's own number");
  });

  it("covers message types and files", () => {
    expect(title(131051)).toBe("WhatsApp doesn't support this type of message");
    expect(title(131052)).toBe("The file couldn't be downloaded");
    expect(describeFailure(131052, null).advice).toMatch(/100 MB/);
    expect(title(131053)).toBe("WhatsApp rejected the file");
  });

  it("sends account problems to an owner", () => {
    expect(title(131042)).toBe("The business has a WhatsApp payment problem");
    expect(describeFailure(131042, null).advice).toMatch(/payment method/);
    expect(title(131031)).toBe("This WhatsApp business account is locked");
    expect(title(133010)).toBe("The WhatsApp number isn't registered");
    expect(describeFailure(133010, null).advice).toMatch(/WhatsApp page/);
  });

  it("asks to wait for rate limits: per customer, per number and per app", () => {
    expect(title(131056)).toBe("Too many messages to this customer in a short time");
    for (const code of [130429, 80007, 4]) {
      expect(title(code)).toBe("WhatsApp is limiting how fast this business can send");
      expect(describeFailure(code, null).advice).toMatch(/Wait a few minutes/);
    }
  });

  it("puts Meta's own outages on Meta", () => {
    for (const code of [131000, 1, 2]) {
      expect(title(code)).toBe("Something went wrong at WhatsApp");
      expect(describeFailure(code, null).advice).toMatch(/Meta's side/);
    }
  });

  it("names each template problem", () => {
    const titles = [132000, 132001, 132005, 132007, 132012, 132015, 132016].map(title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toEqual([
      "The template's values don't match it",
      "This template doesn't exist in that language, or isn't approved",
      "The template is too long once filled in",
      "WhatsApp refused the template's content under its policies",
      "A value in the template has the wrong format",
      "This template is paused for low quality",
      "This template is disabled for low quality",
    ]);
  });

  it("asks for re-authorization on the WhatsApp page for every token and permission code", () => {
    for (const code of [190, 0, 3, 10, 200, 250, 299]) {
      const r = describeFailure(code, "Error validating access token");
      expect(r.title).toBe("WhatsApp no longer accepts this number's connection");
      expect(r.advice).toMatch(/re-authorize the number on the WhatsApp page/);
    }
    expect(title(300)).toBe("WhatsApp refused this message (code 300)");
  });

  it("keeps the details Parley wrote for its own codes", () => {
    const kept = "WhatsApp could not be reached after several attempts; the reply was not sent.";
    expect(describeFailure(-1, kept)).toEqual({ title: "WhatsApp did not answer", advice: kept });
    expect(describeFailure(-1, null).advice).toMatch(/not sent again to avoid a duplicate/);
    expect(describeFailure(-2, null)).toMatchObject({ title: "WhatsApp could not be reached" });
    expect(describeFailure(-2, null).advice).toMatch(/isn't known whether the message arrived/);
    expect(title(-5)).toBe("The WhatsApp number is disconnected");
  });

  it("shows an unknown code with Meta's details", () => {
    expect(describeFailure(987654, "Something new at Meta")).toEqual({
      title: "WhatsApp refused this message (code 987654)",
      advice: "Something new at Meta",
    });
    expect(describeFailure(987654, "  ").advice).toMatch(/no further reason/);
    expect(describeFailure(null, "Failed").title).toBe("WhatsApp did not deliver this message");
  });
});
