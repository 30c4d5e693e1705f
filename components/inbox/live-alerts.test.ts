import { describe, expect, it } from "vitest";
import { affected, alertFor, parseStreamEvent, titleWithCount } from "./live-alerts";

const all = { needsHuman: true, assigned: true, mine: true };
const ev = (k: string, a: string | null = null, by: string | null = null) => ({
  k,
  c: "c1",
  a,
  by,
});

describe("live alerts", () => {
  it("tells of a hand-off, an assignment by someone else and a customer writing in mine", () => {
    expect(alertFor(ev("handoff"), "me", all)).toBe("A customer needs a person");
    expect(alertFor(ev("assigned", "me", "boss"), "me", all)).toBe(
      "A conversation was assigned to you",
    );
    expect(alertFor(ev("inbound", "me"), "me", all)).toBe("New message in your conversation");
  });

  it("stays quiet about my own assignment, others' conversations, and what I turned off", () => {
    expect(alertFor(ev("assigned", "me", "me"), "me", all)).toBeNull();
    expect(alertFor(ev("assigned", "you", "boss"), "me", all)).toBeNull();
    expect(alertFor(ev("inbound", "you"), "me", all)).toBeNull();
    expect(alertFor(ev("inbound", null), "me", all)).toBeNull();
    expect(alertFor(ev("status", "me"), "me", all)).toBeNull();
    expect(alertFor(ev("handoff"), "me", { ...all, needsHuman: false })).toBeNull();
    expect(alertFor(ev("inbound", "me"), "me", { ...all, mine: false })).toBeNull();
    expect(alertFor(ev("assigned", "me", "boss"), "me", { ...all, assigned: false })).toBeNull();
  });

  it("ticks refresh the thread only; everything else the list too", () => {
    expect(affected(ev("status"))).toEqual({ list: false, thread: "c1" });
    expect(affected(ev("inbound"))).toEqual({ list: true, thread: "c1" });
  });

  it("reads the stream's events and refuses anything else", () => {
    expect(parseStreamEvent('{"k":"inbound","c":"c1","a":null,"by":null}')).toEqual(ev("inbound"));
    expect(parseStreamEvent("not json")).toBeNull();
    expect(parseStreamEvent('{"c":"c1"}')).toBeNull();
  });

  it("puts the count in front of the title, once", () => {
    expect(titleWithCount("Inbox · Parley", 3)).toBe("(3) Inbox · Parley");
    expect(titleWithCount("(3) Inbox · Parley", 5)).toBe("(5) Inbox · Parley");
    expect(titleWithCount("(5) Inbox · Parley", 0)).toBe("Inbox · Parley");
    expect(titleWithCount("Inbox", 120)).toBe("(99+) Inbox");
  });
});
