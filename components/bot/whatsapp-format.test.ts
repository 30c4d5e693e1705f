import { describe, expect, it } from "vitest";
import { parseWhatsApp } from "./whatsapp-format";

const text = (t: string) => ({ type: "text", text: t });

describe("WhatsApp formatting", () => {
  it("reads bold, italic, strikethrough and monospace", () => {
    expect(parseWhatsApp("*Open* _daily_ ~not Sundays~ ```9-18```")).toEqual([
      { type: "bold", children: [text("Open")] },
      text(" "),
      { type: "italic", children: [text("daily")] },
      text(" "),
      { type: "strike", children: [text("not Sundays")] },
      text(" "),
      { type: "mono", text: "9-18" },
    ]);
  });

  it("nests styles and keeps line breaks", () => {
    expect(parseWhatsApp("*_both_*\nnext")).toEqual([
      { type: "bold", children: [{ type: "italic", children: [text("both")] }] },
      { type: "break" },
      text("next"),
    ]);
  });

  it("leaves marks that do not open or close a style as text", () => {
    for (const plain of [
      "2 * 3 * 4",
      "snake_case_name",
      "* not bold*",
      "*not bold *",
      "**",
      "a*b*",
    ])
      expect(parseWhatsApp(plain)).toEqual([text(plain)]);
    // A style does not run over a line break.
    expect(parseWhatsApp("*one\ntwo*")).toEqual([text("*one"), { type: "break" }, text("two*")]);
  });

  it("lets monospace span lines, with no styles inside", () => {
    expect(parseWhatsApp("```a *b*\nc```")).toEqual([{ type: "mono", text: "a *b*\nc" }]);
  });

  it("shows links as text, with no styles inside and without trailing punctuation", () => {
    expect(parseWhatsApp("See https://shop.test/a_b_c. Or www.shop.test/x!")).toEqual([
      text("See "),
      { type: "link", text: "https://shop.test/a_b_c" },
      text(". Or "),
      { type: "link", text: "www.shop.test/x" },
      text("!"),
    ]);
    expect(parseWhatsApp("*https://shop.test*")).toEqual([
      { type: "bold", children: [{ type: "link", text: "https://shop.test" }] },
    ]);
  });

  it("keeps markup-like text as text: it is never HTML", () => {
    expect(parseWhatsApp("<b>hi</b> & <script>")).toEqual([text("<b>hi</b> & <script>")]);
  });
});
