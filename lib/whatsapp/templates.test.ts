import { describe, expect, it } from "vitest";
import type { Template } from "./graph-schemas";
import {
  type InboxTemplate,
  missingParams,
  renderTemplate,
  templateComponents,
  toInboxTemplate,
} from "./templates";

const approved = (components: Template["components"], extra: Partial<Template> = {}): Template => ({
  name: "order_update",
  language: "en_US",
  status: "APPROVED",
  category: "UTILITY",
  components,
  ...extra,
});

function offered(t: Template): InboxTemplate {
  const view = toInboxTemplate(t);
  if (typeof view === "string") throw new Error(`not offered: ${view}`);
  return view;
}

describe("toInboxTemplate", () => {
  it("offers a positional template with its text parts, buttons and parameters in number order", () => {
    const view = offered(
      approved([
        { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
        { type: "BODY", text: "Hi {{2}}, order {{1}} ships on {{3}}. Thanks, {{2}}!" },
        { type: "FOOTER", text: "Reply STOP to opt out" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Track" },
            { type: "URL", text: "Shop", url: "https://shop.example/orders" },
          ],
        },
      ]),
    );
    expect(view).toEqual({
      name: "order_update",
      language: "en_US",
      category: "UTILITY",
      header: "Order {{1}}",
      body: "Hi {{2}}, order {{1}} ships on {{3}}. Thanks, {{2}}!",
      footer: "Reply STOP to opt out",
      buttons: ["Track", "Shop"],
      params: [
        { component: "header", key: "1" },
        { component: "body", key: "1" },
        { component: "body", key: "2" },
        { component: "body", key: "3" },
      ],
      named: false,
    });
  });

  it("orders positional parameters numerically, not as text", () => {
    const body = Array.from({ length: 11 }, (_, i) => `{{${11 - i}}}`).join(" ");
    const view = offered(approved([{ type: "BODY", text: body }]));
    expect(view.params.map((p) => p.key)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i + 1)),
    );
  });

  it("keeps named parameters in the order the text uses them, each once", () => {
    const view = offered(
      approved([
        { type: "HEADER", text: "Hello {{ first_name }}" },
        { type: "BODY", text: "{{first_name}}, your {{order_id}} arrives {{day}} ({{order_id}})." },
      ]),
    );
    expect(view.named).toBe(true);
    expect(view.params).toEqual([
      { component: "header", key: "first_name" },
      { component: "body", key: "first_name" },
      { component: "body", key: "order_id" },
      { component: "body", key: "day" },
    ]);
  });

  it("takes Meta's parameter_format NAMED as named, even for keys that look like numbers", () => {
    const view = offered(
      approved([{ type: "BODY", text: "Code {{1}}" }], { parameter_format: "NAMED" }),
    );
    expect(view.named).toBe(true);
  });

  it("offers a template without parameters or header", () => {
    const view = offered(approved([{ type: "BODY", text: "We are open again." }]));
    expect(view).toMatchObject({ header: null, footer: null, buttons: [], params: [] });
  });

  it("says why a template cannot be sent from the inbox", () => {
    expect(toInboxTemplate(approved([{ type: "BODY", text: "x" }], { status: "PENDING" }))).toBe(
      "not_approved",
    );
    expect(toInboxTemplate(approved([{ type: "BODY", text: "x" }], { status: "REJECTED" }))).toBe(
      "not_approved",
    );
    for (const format of ["IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]) {
      expect(
        toInboxTemplate(
          approved([
            { type: "HEADER", format },
            { type: "BODY", text: "x" },
          ]),
        ),
      ).toBe("media_header");
    }
    expect(
      toInboxTemplate(
        approved([
          { type: "BODY", text: "Your order" },
          {
            type: "BUTTONS",
            buttons: [{ type: "URL", text: "Track", url: "https://shop.example/track/{{1}}" }],
          },
        ]),
      ),
    ).toBe("link_parameter");
    for (const type of ["COPY_CODE", "otp"]) {
      expect(
        toInboxTemplate(
          approved([
            { type: "BODY", text: "Use {{1}} for 25% off" },
            { type: "BUTTONS", buttons: [{ type, text: "Copy code" }] },
          ]),
        ),
      ).toBe("code_button");
    }
    expect(toInboxTemplate(approved([{ type: "HEADER", format: "TEXT", text: "Hi" }]))).toBe(
      "no_body",
    );
    expect(toInboxTemplate(approved(undefined))).toBe("no_body");
  });

  it("offers only text headers, bodies, footers and plain buttons", () => {
    const body = { type: "BODY", text: "Our offer" };
    expect(toInboxTemplate(approved([body, { type: "CAROUSEL" }]))).toBe("other_parts");
    expect(toInboxTemplate(approved([body, { type: "LIMITED_TIME_OFFER" }]))).toBe("other_parts");
    for (const type of ["FLOW", "CATALOG", "MPM", "SPM"]) {
      expect(
        toInboxTemplate(approved([body, { type: "BUTTONS", buttons: [{ type, text: "Open" }] }])),
      ).toBe("other_parts");
    }
    const plain = toInboxTemplate(
      approved([
        body,
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Yes" },
            { type: "URL", text: "Shop", url: "https://example.com/shop" },
            { type: "PHONE_NUMBER", text: "Call" },
          ],
        },
      ]),
    );
    expect(plain).toMatchObject({ buttons: ["Yes", "Shop", "Call"] });
  });

  it("reads the status and component types whatever their case", () => {
    const view = toInboxTemplate(
      approved([{ type: "body", text: "Hi {{1}}" }], { status: "approved" }),
    );
    expect(view).toMatchObject({ body: "Hi {{1}}", params: [{ component: "body", key: "1" }] });
  });
});

describe("filling a template in", () => {
  const positional = offered(
    approved([
      { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
      { type: "BODY", text: "Hi {{1}}, your order is {{2}}." },
      { type: "FOOTER", text: "Shop Ltd" },
    ]),
  );
  const named = offered(
    approved([{ type: "BODY", text: "Hi {{first_name}}, see you on {{day}}." }], {
      parameter_format: "NAMED",
    }),
  );

  it("lists the parameters left empty or blank, by field", () => {
    expect(missingParams(positional, {})).toEqual(["header.1", "body.1", "body.2"]);
    expect(
      missingParams(positional, { "header.1": "778", "body.1": "  ", "body.2": "shipped" }),
    ).toEqual(["body.1"]);
    expect(
      missingParams(positional, { "header.1": "778", "body.1": "Ana", "body.2": "shipped" }),
    ).toEqual([]);
    expect(missingParams(named, { "body.first_name": "Ana" })).toEqual(["body.day"]);
  });

  it("renders the message as the customer reads it, values trimmed, blanks left visible", () => {
    expect(
      renderTemplate(positional, {
        "header.1": " 778 ",
        "body.1": "Ana $& $1",
        "body.2": "shipped",
      }),
    ).toBe("Order 778\n\nHi Ana $& $1, your order is shipped.\n\nShop Ltd");
    expect(renderTemplate(named, { "body.first_name": "Ana" })).toBe("Hi Ana, see you on {{day}}.");
  });

  it("builds Meta's components: header then body, one text parameter per placeholder in order", () => {
    expect(
      templateComponents(positional, { "body.2": "shipped", "header.1": "778", "body.1": "Ana" }),
    ).toEqual([
      { type: "header", parameters: [{ type: "text", text: "778" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Ana" },
          { type: "text", text: "shipped" },
        ],
      },
    ]);
  });

  it("names each parameter only for named templates", () => {
    expect(templateComponents(named, { "body.day": "Friday", "body.first_name": " Ana " })).toEqual(
      [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Ana", parameter_name: "first_name" },
            { type: "text", text: "Friday", parameter_name: "day" },
          ],
        },
      ],
    );
    const parts = templateComponents(positional, { "header.1": "1", "body.1": "a", "body.2": "b" });
    expect(parts.flatMap((c) => c.parameters).some((p) => "parameter_name" in p)).toBe(false);
  });

  it("sends no components for a template without parameters", () => {
    const plain = offered(approved([{ type: "BODY", text: "We are open again." }]));
    expect(templateComponents(plain, {})).toEqual([]);
    expect(renderTemplate(plain, {})).toBe("We are open again.");
  });
});
