import { describe, expect, it } from "vitest";
import { type InboxTemplate, renderTemplate, valuesFromParameters } from "./templates";

const base = { language: "en_US", category: "UTILITY", footer: null, buttons: [] };

const named: InboxTemplate = {
  ...base,
  name: "welcome_back",
  header: "Hello {{first_name}}",
  body: "Hi {{first_name}}, your table at {{venue}} is ready.",
  params: [
    { component: "header", key: "first_name" },
    { component: "body", key: "first_name" },
    { component: "body", key: "venue" },
  ],
  named: true,
};

const positional: InboxTemplate = {
  ...base,
  name: "order_update",
  header: "Order {{1}}",
  body: "Hi {{1}}, your order is {{2}}.",
  params: [
    { component: "header", key: "1" },
    { component: "body", key: "1" },
    { component: "body", key: "2" },
  ],
  named: false,
};

describe("template parameters as an API caller gives them", () => {
  it("fills named placeholders in the header and body by name", () => {
    const r = valuesFromParameters(named, { first_name: "Ana", venue: "Lisbon" });
    expect(r).toEqual({
      ok: true,
      values: { "header.first_name": "Ana", "body.first_name": "Ana", "body.venue": "Lisbon" },
    });
    if (r.ok) {
      expect(renderTemplate(named, r.values)).toBe(
        "Hello Ana\n\nHi Ana, your table at Lisbon is ready.",
      );
    }
  });

  it("lets a part be named on its own, over the shared name", () => {
    expect(
      valuesFromParameters(named, { first_name: "Ana", "header.first_name": "ANA", venue: "X" }),
    ).toMatchObject({ ok: true, values: { "header.first_name": "ANA", "body.first_name": "Ana" } });
  });

  it("fills a list in order, header first", () => {
    expect(valuesFromParameters(positional, ["778", "Ana", "shipped"])).toEqual({
      ok: true,
      values: { "header.1": "778", "body.1": "Ana", "body.2": "shipped" },
    });
  });

  it("says what the template takes when the parameters do not fit", () => {
    expect(valuesFromParameters(positional, ["Ana"])).toEqual({
      ok: false,
      message:
        "The template “order_update” (en_US) takes 3 parameters: {{1}} in the header; {{1}}, {{2}} in the body; 1 parameter was given.",
    });
    expect(valuesFromParameters(named, { first_name: "Ana", city: "Porto" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("it has no “city”"),
    });
    expect(valuesFromParameters(named, { first_name: "Ana" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("give a value for “body.venue”"),
    });
    expect(valuesFromParameters(named, { first_name: "  ", venue: "X" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("“header.first_name”, “body.first_name”"),
    });
    expect(valuesFromParameters({ ...named, params: [] }, undefined)).toEqual({
      ok: true,
      values: {},
    });
  });
});
