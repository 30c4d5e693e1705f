import type { CsatFigures } from "@/db/queries/analytics/csat";
import type { HandoffFigures } from "@/db/queries/analytics/handoffs";
import type { AnalyticsReport } from "@/db/queries/analytics/report";
import { ratingTitle } from "@/lib/csat/rating-buttons";
import { guardCell, toCsv } from "@/lib/faqs/csv";

// Spreadsheets read the file as UTF-8 (accents, emoji) only when it starts with a byte-order mark.
const BOM = "\uFEFF";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

type Cell = string | number | null;
type Section = { title: string; header: string[]; rows: Cell[][] };

// Numbers are written as the queries gave them, never rounded, so the file says what the page
// says; a missing measure (no rate, no median) is an empty cell. Costs are kept in millionths of
// a dollar, whole numbers, and shown in dollars by moving the decimal point.
const cell = (value: Cell): string => (value === null ? "" : String(value));

/** Millionths of a dollar as dollars with six decimals, exactly. */
export function microsToUsd(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}

function activity(r: AnalyticsReport): Section[] {
  const started = new Map(r.conversationsStarted.map((d) => [d.day, d.started]));
  const active = new Map(r.activeContacts.days.map((d) => [d.day, d.contacts]));
  return [
    {
      title: "Activity per day",
      header: ["day", "messages in", "messages out", "conversations started", "active contacts"],
      rows: r.messages.map((m) => [
        m.day,
        m.inbound,
        m.outbound,
        started.get(m.day) ?? null,
        active.get(m.day) ?? null,
      ]),
    },
    {
      title: "Active contacts over the range",
      header: ["contacts"],
      rows: [[r.activeContacts.total]],
    },
  ];
}

function answers(r: AnalyticsReport): Section[] {
  const row = (label: string, a: AnalyticsReport["answers"]["total"]): Cell[] => [
    label,
    a.faq,
    a.ai,
    a.fallback,
    a.system,
    a.human,
    a.questions,
    a.faqAnswered,
    a.faqHitRate,
  ];
  return [
    {
      title: "Replies by how they were written",
      header: [
        "day",
        "faq",
        "ai",
        "fallback",
        "bot notices",
        "people",
        "questions",
        "answered from faq",
        "faq hit rate",
      ],
      rows: [...r.answers.days.map((d) => row(d.day, d)), row("total", r.answers.total)],
    },
    {
      title: "Unanswered questions",
      header: ["question", "grouped as", "times asked", "last asked"],
      rows: r.unansweredQuestions.map((q) => [
        guardCell(q.example),
        guardCell(q.normalized),
        q.count,
        q.lastAskedAt.toISOString(),
      ]),
    },
    {
      title: "First response time",
      header: ["by", "answered", "unanswered", "median ms", "p90 ms"],
      rows: [
        [
          "bot",
          r.responseTimes.bot.answered,
          null,
          r.responseTimes.bot.medianMs,
          r.responseTimes.bot.p90Ms,
        ],
        [
          "people",
          r.responseTimes.people.answered,
          r.responseTimes.people.unanswered,
          r.responseTimes.people.medianMs,
          r.responseTimes.people.p90Ms,
        ],
      ],
    },
  ];
}

function ai(r: AnalyticsReport): Section[] {
  const figures = (u: AnalyticsReport["aiUsage"]["total"]): Cell[] => [
    u.replies,
    u.promptTokens,
    u.completionTokens,
    microsToUsd(u.costMicros),
  ];
  const header = ["ai answers", "prompt tokens", "completion tokens", "cost usd"];
  return [
    {
      title: "AI usage per day",
      header: ["day", ...header],
      rows: [
        ...r.aiUsage.days.map((d) => [d.day, ...figures(d)]),
        ["total", ...figures(r.aiUsage.total)],
      ],
    },
    {
      title: "AI usage per model",
      header: ["model", ...header],
      rows: r.aiUsage.models.map((m) => [guardCell(m.model ?? "unknown"), ...figures(m)]),
    },
    {
      title: "Voice notes transcribed per model",
      header: ["model", "voice notes", "seconds", "cost usd"],
      rows: r.transcription.models.map((m) => [
        guardCell(m.model),
        m.notes,
        m.seconds,
        microsToUsd(m.costMicros),
      ]),
    },
    {
      title: "Costliest conversations",
      header: ["conversation", "contact", "phone", "cost usd", "ai answers", "messages"],
      rows: r.costlyConversations.map((c) => [
        c.conversationId,
        guardCell(c.contactName ?? ""),
        c.contactWaId,
        microsToUsd(c.costMicros),
        c.aiReplies,
        c.messages,
      ]),
    },
  ];
}

function metaMessaging(r: AnalyticsReport): Section[] {
  const m = r.metaMessaging;
  return [
    {
      title: `Meta messaging cost (estimated from the ${m.rateSource === "operator" ? "operator's" : "shipped"} rate table)`,
      header: ["category", "charged messages", "free messages", "unpriced messages", "cost usd"],
      rows: [
        ...m.categories.map((c) => [
          c.category,
          c.charged,
          c.free,
          c.unpriced,
          microsToUsd(c.costMicros),
        ]),
        ["total", m.charged, m.free, null, microsToUsd(m.totalMicros)],
      ],
    },
  ];
}

function delivery(r: AnalyticsReport): Section[] {
  const d = r.delivery;
  return [
    {
      title: "Delivery of outbound messages",
      header: ["stage", "messages"],
      rows: [
        ["outbound", d.outbound],
        ["pending", d.pending],
        ["sent", d.sent],
        ["delivered", d.delivered],
        ["read", d.read],
        ["failed", d.failed],
      ],
    },
    {
      title: "Failures by error code",
      header: ["error code", "messages"],
      rows: d.failures.map((f) => [f.errorCode, f.count]),
    },
  ];
}

function handoffs(r: AnalyticsReport): Section[] {
  const h = r.handoffs;
  const figures = (f: HandoffFigures): Cell[] => [
    f.count,
    f.notified,
    f.notifiedByWhatsapp,
    f.notifiedByEmail,
    f.notifyFailed,
  ];
  return [
    {
      title: "Hand-offs to people",
      header: [
        "reason",
        "hand-offs",
        "alerts delivered",
        "delivered by whatsapp",
        "e-mailed",
        "alert not delivered",
      ],
      rows: [...h.byReason.map((b) => [b.reason, ...figures(b)]), ["total", ...figures(h)]],
    },
    {
      title: "People and contacts",
      header: ["figure", "count"],
      rows: [
        ["conversations taken over", h.takenOver],
        ["opt-outs (STOP)", r.optOuts.optedOut],
        ["opt-ins (START)", r.optOuts.optedIn],
      ],
    },
    {
      title: "Customer messages by weekday and hour",
      header: ["weekday", ...Array.from({ length: 24 }, (_, hour) => `${hour}h`)],
      rows: WEEKDAYS.map((name, weekday) => [
        name,
        ...Array.from(
          { length: 24 },
          (_, hour) =>
            r.busiestHours.find((c) => c.weekday === weekday && c.hour === hour)?.inbound ?? 0,
        ),
      ]),
    },
  ];
}

function csat(r: AnalyticsReport): Section[] {
  const c = r.csat;
  const figures = (f: CsatFigures): Cell[] => [
    f.asked,
    f.rated,
    f.good,
    f.goodShare,
    f.responseRate,
  ];
  const header = ["requests sent", "ratings", "good (great)", "good share", "response rate"];
  return [
    {
      title: "Customer ratings (CSAT)",
      header: ["agent", ...header, "not sent"],
      rows: [
        ...c.byAgent.map((a) => [guardCell(a.name ?? "former member"), ...figures(a), null]),
        ["total", ...figures(c), c.notSent],
      ],
    },
    {
      title: "Ratings by score",
      header: ["score", "ratings"],
      rows: c.byScore.map((s) => [`${s.score} ${ratingTitle(s.score)}`, s.count]),
    },
  ];
}

/**
 * The report as one CSV file of titled sections (a title row, a header row, the rows, a blank
 * row), for a spreadsheet. Text customers or models wrote is guarded against running as a
 * formula.
 */
export function analyticsToCsv(
  report: AnalyticsReport,
  about: { from: string; to: string; timeZone: string },
): string {
  const sections = [
    ...activity(report),
    ...answers(report),
    ...ai(report),
    ...metaMessaging(report),
    ...delivery(report),
    ...handoffs(report),
    ...csat(report),
  ];
  const rows: string[][] = [["Parley analytics", about.from, about.to, about.timeZone], []];
  for (const s of sections) rows.push([s.title], s.header, ...s.rows.map((r) => r.map(cell)), []);
  return BOM + toCsv(rows);
}

export const analyticsExportFilename = (slug: string, from: string, to: string) =>
  `${slug}-analytics-${from}-${to}.csv`;
