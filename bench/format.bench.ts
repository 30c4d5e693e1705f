import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseWhatsApp } from "@/components/bot/whatsapp-format";
import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import { ms, percentile, type Row, timeRuns } from "./stats";

const SIZE = 65_536;
const RUNS = Number(process.env.FORMAT_RUNS ?? 30);

// Next serves the production build; run with NODE_ENV=production to time that one.
const REACT_BUILD = process.env.NODE_ENV === "production" ? "production" : "development";

const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

// Messages built to defeat a parser that looks ahead for each mark: every mark opens a style
// and none closes, or a link's trailing punctuation runs on.
export const ADVERSARIAL: Record<string, string> = {
  "marks *_~": fill("*_~"),
  "all asterisks": fill("*"),
  "alternating *a": fill("*a"),
  "unclosed *a_b~c": fill("*a _b ~c "),
  "one long word": fill("a"),
  "link then dots": `http://a${".".repeat(SIZE - 8)}`,
  "ordinary text": fill("Hi *Jo*, your _order_ ~5520~ 5521 ships today: https://shop.test/o.\n"),
};

// The inbox parses and renders message text while rendering the thread on the server.
export async function formatBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    const parse = await timeRuns(RUNS, () => parseWhatsApp(text), 2);
    const render = await timeRuns(
      RUNS,
      () => renderToStaticMarkup(createElement(WhatsAppText, { text })),
      2,
    );
    for (const [step, t] of [
      ["parse", parse],
      ["render", render],
    ] as const) {
      rows.push({
        benchmark: `format ${step}: ${name}`,
        engine: "node",
        n: RUNS,
        p50: ms(percentile(t, 50)),
        p95: ms(percentile(t, 95)),
        extra: `${text.length} chars, React ${REACT_BUILD} build`,
      });
    }
  }
  return rows;
}
