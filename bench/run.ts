import { testDatabaseKinds } from "@/lib/testing/databases";
import { apiBench } from "./api.bench";
import { cryptoBench } from "./crypto.bench";
import type { Row } from "./stats";

// npm run bench – prints one table; PostgreSQL rows appear when DATABASE_URL is set.
const rows: Row[] = [...(await cryptoBench())];
for (const kind of testDatabaseKinds) rows.push(...(await apiBench(kind)));

const header = ["benchmark", "engine", "runs", "p50", "p95", "data"];
const table = rows.map((r) => [r.benchmark, r.engine, String(r.n), r.p50, r.p95, r.extra ?? ""]);
const widths = header.map((h, i) =>
  Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)),
);
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
