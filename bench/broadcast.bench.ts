import postgres from "postgres";
import { getEnv } from "@/lib/env";
import { runBroadcastScenario } from "@/lib/testing/broadcast-scenario";
import { statementCounter } from "./pg-statements";
import { cpuSnapshot, cpuSpent } from "./proc-cpu";
import type { Row } from "./stats";

const CONTACTS = 2000;

/**
 * `npm run bench -- broadcast`: a broadcast to 2,000 contacts against Meta's stand-in in its own
 * process, which allows the number 80 messages a second (and refuses more with 130429); the
 * sustained sending rate, and SQL statements and CPU per message while it sends.
 */
export async function broadcastBench(port: number): Promise<Row[]> {
  const adminUrl = getEnv().databaseUrl;
  if (!adminUrl) return [];
  const r = await runBroadcastScenario({
    adminUrl,
    port,
    contacts: CONTACTS,
    kills: 0,
    ratePerSecond: 80,
    sendDelayMs: 50,
    reconcileSeconds: 10,
    measure: async ({ databaseName, appGroup }) => {
      const url = new URL(adminUrl);
      url.pathname = `/${databaseName}`;
      const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const counter = await statementCounter(sql);
      if (counter.ok) await counter.reset();
      const before = cpuSnapshot(appGroup, databaseName);
      return async () => {
        const cpu = cpuSpent(before, cpuSnapshot(appGroup, databaseName));
        const statements = counter.ok ? await counter.read(6) : null;
        await sql.end();
        return { cpu, statements, reason: counter.ok ? null : counter.reason };
      };
    },
  });
  const m = r.measured as {
    cpu: { serverMs: number; pgOwnMs: number; pgSharedMs: number };
    statements: { calls: number; top: { calls: number; query: string }[] } | null;
    reason: string | null;
  } | null;
  const per = (n: number) => (n / Math.max(1, r.sends)).toFixed(2);
  const notes = [
    `${r.sends} sent in ${r.seconds.toFixed(1)} s; lost ${r.lost}, duplicated ${r.duplicated}; ${r.refusedOverRate} refused over the rate (130429)`,
    m
      ? `per message: app CPU ${per(m.cpu.serverMs)} ms, PostgreSQL CPU ${per(m.cpu.pgOwnMs + m.cpu.pgSharedMs)} ms` +
        (m.statements
          ? `, ${per(m.statements.calls)} SQL statements (status webhooks included)`
          : ` (statements not counted: ${m.reason})`)
      : "",
  ].filter(Boolean);
  return [
    {
      benchmark: `broadcast: ${CONTACTS} contacts, Meta allowing 80 messages/s`,
      engine: "postgres",
      n: r.sends,
      throughput: `${r.sustainedRate.toFixed(1)} messages/s sustained`,
      p50: "",
      p95: "",
      extra: notes.join("; "),
    },
  ];
}
