import { buildMessages } from "@/lib/ai/reply";
import { readQuestion } from "@/lib/bot/compose-reply";
import { type DecisionInput, decide } from "@/lib/bot/decide";
import { createFaqIndex, type MatchableFaq } from "@/lib/bot/faq-match";
import { DEFAULT_INPUT_CHARS, words } from "@/lib/bot/text";
import { FAQS, QUESTIONS } from "./faq/dataset";
import { syntheticFaqs } from "./faq.bench";
import { ms, percentile, type Row } from "./stats";

const SIZE = 65_536; // the longest text message WhatsApp delivers
const FAQ_COUNT = 5_000;
const RUNS = Number(process.env.FAQ_LONG_RUNS ?? 20);
const GOAL_MS = 50;

// A seeded generator, so every run reads the same messages.
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Words the FAQ knows (so the index finds many candidates) mixed with typos and unknown words.
function manyWords(size: number, seed: number): string {
  const next = random(seed);
  const known = [...FAQS.map((f) => f.question), ...QUESTIONS.map((q) => q.text)]
    .join(" ")
    .split(/\s+/);
  let text = "";
  while (text.length < size) {
    const word = known[Math.floor(next() * known.length)] ?? "order";
    const r = next();
    text += r < 0.1 ? `${word}${word.slice(1)} ` : r < 0.2 ? `x${word}q ` : `${word} `;
  }
  return text.slice(0, size);
}

// The words most FAQs share, over and over: each one the index looks up costs a pass over
// nearly every FAQ.
function commonestWords(faqs: MatchableFaq[], size: number): string {
  const df = new Map<string, number>();
  for (const f of faqs) {
    for (const w of new Set(words(`${f.question} ${f.keywords.join(" ")}`))) {
      df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  const common = [...df]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([w]) => w)
    .join(" ");
  return `${common} `.repeat(Math.ceil(size / (common.length + 1))).slice(0, size);
}

// One long "word" of random letters: the case that once cost seconds and gigabytes.
function oneWord(size: number, seed: number): string {
  const next = random(seed);
  return Array.from({ length: size }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join(
    "",
  );
}

// The bot's per-message work on a workspace with the most hand-off keywords settings allow and
// business hours to check, as the reply job does it before any I/O.
function inputFor(text: string): DecisionInput {
  const now = new Date("2026-11-18T10:00:00Z");
  const allDay = ["00:00-24:00"];
  return {
    now,
    message: { type: "text", text, buttonPayload: null, hasCaption: false },
    conversation: {
      status: "bot",
      lastInboundAt: now,
      awayNoticeUntil: null,
      unsupportedNoticeAt: null,
      rateLimitNoticeAt: null,
    },
    contact: { optedOut: false, welcomedAt: now, reachable: true },
    channel: { status: "connected" },
    settings: {
      enabled: true,
      welcomeMessage: null,
      timezone: "Africa/Nairobi",
      businessHours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), allDay])),
      awayMessage: null,
      outsideHours: "answer",
      handoffKeywords: Array.from({ length: 50 }, (_, i) => `please put me through to agent ${i}`),
      maxMessagesPerHour: 1000,
      maxMessagesPerUserPerDay: 1000,
      fallbackMessage: null,
      defaultLanguage: "en",
      systemMessages: null,
      aiDisclosure: false,
      aiActive: false,
    },
    counts: { workspaceAnswersLastHour: 0, contactMessagesLastDay: 1 },
  };
}

const cpuMs = (fn: () => void) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** CPU time of the bot's per-message work (decision, FAQ match, AI prompt) on long messages. */
export async function faqLongBench(): Promise<Row[]> {
  const faqs = syntheticFaqs(FAQ_COUNT);
  const index = createFaqIndex(faqs);
  const handle = (text: string) => {
    const decision = decide(inputFor(text));
    if (!decision.question) {
      // Small talk ("hi", "thanks") among the normal questions is decided without the matcher.
      if (decision.reason === "small_talk") return;
      throw new Error(`the bench message was not answered: ${decision.reason}`);
    }
    const read = readQuestion(index, decision.question, DEFAULT_INPUT_CHARS);
    if (!read.match) {
      buildMessages({
        providers: [],
        businessName: "Kilele Home & Tech",
        systemPrompt: null,
        tone: "friendly",
        maxLength: 600,
        grounding: read.grounding.map((m) => m.faq),
        history: [],
        question: read.seen,
      });
    }
  };
  const cases: [string, (i: number) => string][] = [
    ["normal questions", (i) => QUESTIONS[i % QUESTIONS.length]?.text ?? ""],
    [`one ${SIZE.toLocaleString("en")}-char word`, (i) => oneWord(SIZE, i)],
    [`${SIZE.toLocaleString("en")} chars, many words`, (i) => manyWords(SIZE, i)],
    [
      `${SIZE.toLocaleString("en")} chars, the FAQs' commonest words`,
      () => commonestWords(faqs, SIZE),
    ],
  ];
  const rows: Row[] = [];
  for (const [name, message] of cases) {
    const runs = name === "normal questions" ? QUESTIONS.length : RUNS;
    const texts = Array.from({ length: runs + 3 }, (_, i) => message(i));
    for (const text of texts.slice(runs)) handle(text); // warm-up
    const times = texts
      .slice(0, runs)
      .map((text) => cpuMs(() => handle(text)))
      .sort((a, b) => a - b);
    rows.push({
      benchmark: `faq-long: ${name}, ${FAQ_COUNT.toLocaleString("en")} FAQs`,
      engine: "in-memory",
      n: runs,
      p50: ms(percentile(times, 50)),
      p95: ms(percentile(times, 95)),
      p99: ms(percentile(times, 99)),
      extra: `CPU per message (decide, match, AI prompt); max ${ms(times.at(-1) ?? 0)}; goal < ${GOAL_MS} ms; matcher reads ${DEFAULT_INPUT_CHARS} chars`,
    });
  }
  return rows;
}
