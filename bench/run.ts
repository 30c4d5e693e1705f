import { e2ePort } from "@/e2e/ports";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { analyticsBench } from "./analytics.bench";
import { apiBench } from "./api.bench";
import { apiHttpBench } from "./api-http.bench";
import { authBench } from "./auth.bench";
import { broadcastBench } from "./broadcast.bench";
import { crashBench } from "./crash.bench";
import { cryptoBench } from "./crypto.bench";
import { fitBench } from "./faq/fit";
import { faqBench } from "./faq.bench";
import { faqAiBench } from "./faq-ai.bench";
import { faqLongBench } from "./faq-long.bench";
import { formatBench } from "./format.bench";
import { inboxBench } from "./inbox.bench";
import { ingestBench } from "./ingest.bench";
import { knowledgeBench } from "./knowledge.bench";
import { liveBench } from "./live.bench";
import { pipelineBench } from "./pipeline.bench";
import { build } from "./server";
import { appendix, type Row } from "./stats";
import { webhookBench } from "./webhook.bench";

// npm run bench [-- NAME…] – prints one table; PostgreSQL rows appear when DATABASE_URL is set.
const suites: Record<string, () => Promise<Row[]>> = {
  crypto: cryptoBench,
  auth: authBench,
  faq: faqBench,
  "faq-ai": faqAiBench,
  "faq-long": faqLongBench,
  "faq-fit": fitBench,
  format: formatBench,
  api: async () => {
    const rows: Row[] = [];
    for (const kind of testDatabaseKinds) rows.push(...(await apiBench(kind)));
    return rows;
  },
  "api-http": async () => {
    build();
    const rows: Row[] = [];
    for (const [i, kind] of testDatabaseKinds.entries())
      rows.push(...(await apiHttpBench(kind, e2ePort(3330 + i))));
    return rows;
  },
  inbox: inboxBench,
  analytics: async () => {
    const rows: Row[] = [];
    for (const kind of testDatabaseKinds) rows.push(...(await analyticsBench(kind)));
    return rows;
  },
  pipeline: async () => {
    build();
    return pipelineBench(e2ePort(3310));
  },
  ingest: async () => {
    const rows: Row[] = [];
    for (const kind of testDatabaseKinds) rows.push(...(await ingestBench(kind)));
    return rows;
  },
  knowledge: () => knowledgeBench(testDatabaseKinds),
  crash: async () => {
    build();
    return crashBench(e2ePort(3320));
  },
  live: async () => {
    build();
    const rows: Row[] = [];
    for (const [i, kind] of testDatabaseKinds.entries())
      rows.push(...(await liveBench(kind, e2ePort(3340 + i))));
    return rows;
  },
  broadcast: async () => {
    build();
    return broadcastBench(e2ePort(3350));
  },
  webhook: async () => {
    build();
    const rows: Row[] = [];
    for (const [i, kind] of testDatabaseKinds.entries())
      rows.push(...(await webhookBench(kind, e2ePort(3300 + i))));
    return rows;
  },
};

const chosen = process.argv.slice(2).filter((a) => a in suites);
const rows: Row[] = [];
for (const name of chosen.length > 0 ? chosen : Object.keys(suites)) {
  const suite = suites[name];
  if (suite) rows.push(...(await suite()));
}

const header = ["benchmark", "engine", "runs", "throughput", "p50", "p95", "p99", "notes"];
const table = rows.map((r) => [
  r.benchmark,
  r.engine,
  String(r.n),
  r.throughput ?? "",
  r.p50,
  r.p95,
  r.p99 ?? "",
  r.extra ?? "",
]);
const widths = header.map((h, i) =>
  Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)),
);
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
if (appendix.length > 0) console.log(`\n${appendix.join("\n")}`);
