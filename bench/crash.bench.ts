import { getEnv } from "@/lib/env";
import { runCrashScenario } from "@/lib/testing/crash-scenario";
import { ms, percentile, type Row } from "./stats";

/** `npm run bench -- crash`: 200 messages in 20 conversations, the server killed three times. */
export async function crashBench(port: number): Promise<Row[]> {
  const adminUrl = getEnv().databaseUrl;
  if (!adminUrl) return [];
  const r = await runCrashScenario({
    adminUrl,
    port,
    conversations: 20,
    perConversation: 10,
    kills: 3,
    everyMs: 100,
    reconcileSeconds: 10,
  });
  const kills = r.killAt.map((t) => `${(t / 1000).toFixed(1)}s`).join(", ");
  return [
    {
      benchmark: `crash: ${r.messages} messages, 20 conversations, ${r.kills}× kill -9`,
      engine: "postgres",
      n: r.messages,
      throughput: `lost ${r.lost}, duplicated ${r.duplicated}, flagged ${r.flagged} (${((r.flagged / r.messages) * 100).toFixed(1)}%)`,
      p50: ms(percentile(r.latencies, 50)),
      p95: ms(percentile(r.latencies, 95)),
      p99: ms(percentile(r.latencies, 99)),
      extra: `webhook to send; kills at ${kills}; drained in ${r.drainSeconds.toFixed(1)} s${r.waiting > 0 ? ` (${r.waiting} still waiting)` : ""}; ${r.resent} sent again after no status came (window 10 s)`,
    },
  ];
}
