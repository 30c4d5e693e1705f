import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "@/db";
import { insertBroadcast } from "@/db/queries/broadcasts";
import { replaceWabaTemplates } from "@/db/queries/templates";
import { queryRows } from "@/db/rows";
import { createKeyring } from "@/lib/crypto/keyring";
import { importTenants } from "@/lib/tenants/import-tenants";
import { SALE_TEMPLATE } from "@/lib/testing/broadcast-fixture";
// The server runs as the crash scenario starts it: the same app secret and encryption key.
import { healthy, KEY, killHard, SECRET, startApp } from "@/lib/testing/crash-scenario";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { describeTemplate } from "@/lib/whatsapp/templates";

const PHONE = "170000000000002";
const WABA = "170000000000099";
const FINISH_TIMEOUT_MS = 240_000;

export type BroadcastScenario = {
  /** A PostgreSQL URL whose server may create and drop a database for the run. */
  adminUrl: string;
  /** The app's port; Meta's stand-in listens on the next one. */
  port: number;
  contacts: number;
  /** Times the server is killed with SIGKILL mid-way (and restarted at once). */
  kills: number;
  /** The number's throughput at Meta's stand-in. */
  ratePerSecond: number;
  /** How long Meta's stand-in takes to answer a send. */
  sendDelayMs: number;
  reconcileSeconds: number;
  /** Counts SQL statements (pg_stat_statements) and CPU while it sends. */
  measure?: (p: { databaseName: string; appGroup: number }) => Promise<() => Promise<unknown>>;
};

export type BroadcastResult = {
  contacts: number;
  sends: number;
  lost: number;
  duplicated: number;
  kills: number;
  /** Sends per second from the 10th to the 90th percentile of send times. */
  sustainedRate: number;
  seconds: number;
  refusedOverRate: number;
  status: string;
  measured: unknown;
};

type StubSend = { to: string; template: string | null; at: number };

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * A broadcast of `contacts` messages against `next start` on PostgreSQL and Meta's stand-in in a
 * separate process (throughput-limited, sending status webhooks back): the broadcast is due when
 * the server starts, the server is killed `kills` times while it sends and restarted at once.
 * Counts, from what Meta received, contacts never messaged (lost) and messaged twice (duplicated).
 */
export async function runBroadcastScenario(o: BroadcastScenario): Promise<BroadcastResult> {
  const admin = postgres(o.adminUrl, { max: 1, onnotice: () => {} });
  const name = `parley_broadcast_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(o.adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = openDatabase({ kind: "postgres", url: databaseUrl, max: 2 });
  const stubPort = o.port + 1;
  const stub = spawn("npx", ["tsx", "lib/testing/meta-stub-server.ts"], {
    env: {
      ...process.env,
      PORT: String(stubPort),
      APP_SECRET: SECRET,
      WEBHOOK_URL: `http://127.0.0.1:${o.port}/api/webhooks/whatsapp`,
      SEND_DELAY_MS: String(o.sendDelayMs),
      RATE_PER_SECOND: String(o.ratePerSecond),
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let app: ChildProcess | null = null;
  const stubSends = async () =>
    (await fetch(`http://127.0.0.1:${stubPort}/stub/sends`).then((r) => r.json())) as {
      sends: StubSend[];
      pendingWebhooks: number;
      refused: number;
    };
  try {
    await handle.migrate();
    const file = validateTenantImport({
      workspaces: [
        {
          name: "Broadcast Shop",
          whatsapp: {
            phoneNumberId: PHONE,
            wabaId: WABA,
            accessToken: `EAAG-bc-${randomBytes(8).toString("hex")}`,
          },
        },
      ],
    });
    if (!file.ok) throw new Error("broadcast bench tenant invalid");
    const [ws] = await importTenants(handle.db, file.data, { keyring: createKeyring(KEY) });
    if (!ws) throw new Error("no workspace");
    await replaceWabaTemplates(handle.db, {
      workspaceId: ws.id,
      wabaId: WABA,
      templates: [SALE_TEMPLATE],
    });
    await queryRows(
      handle.db,
      sql`insert into contacts (workspace_id, wa_id, name, tags, attributes, marketing_opt_in,
            marketing_opt_in_source, marketing_opt_in_at)
          select ${ws.id}::uuid, (3519100000000 + g)::text, 'Customer ' || g, array['vip'],
            jsonb_build_object('city', 'City ' || (g % 10)), 'opted_in', 'bench', now()
          from generate_series(1, ${o.contacts}) g`,
    );
    const [channel] = await queryRows<{ id: string }>(
      handle.db,
      sql`select id from channels where phone_number_id = ${PHONE}`,
    );
    const template = describeTemplate({ ...SALE_TEMPLATE, id: SALE_TEMPLATE.metaId });
    if (typeof template === "string" || !channel) throw new Error("template not sendable");
    const { id: broadcastId } = await insertBroadcast(handle.db, {
      workspaceId: ws.id,
      channelId: channel.id,
      name: "Bench",
      templateId: null,
      template,
      parameters: {
        "body.1": { kind: "field", field: "name", fallback: "there" },
        "body.2": { kind: "field", field: "attributes.city", fallback: "our" },
      },
      audience: { tags: ["vip"], tagMatch: "any", attributes: [] },
      status: "scheduled",
      scheduledAt: null,
      createdBy: null,
    });

    for (let i = 0; i < 40; i++) {
      if (
        await stubSends().then(
          () => true,
          () => false,
        )
      )
        break;
      await sleep(250);
    }
    const started = performance.now();
    app = startApp(o.port, databaseUrl, stubPort, o.reconcileSeconds);
    await healthy(o.port);
    const stop =
      o.measure && app.pid ? await o.measure({ databaseName: name, appGroup: app.pid }) : null;

    // Kills spread over the sending: when a share of the messages has gone out.
    let kills = 0;
    for (let k = 1; k <= o.kills; k++) {
      const at = Math.floor((o.contacts * k) / (o.kills + 1));
      while ((await stubSends()).sends.length < at) await sleep(50);
      await killHard(app);
      kills++;
      app = startApp(o.port, databaseUrl, stubPort, o.reconcileSeconds);
      await healthy(o.port);
    }

    let status = "";
    let sendingDone = 0;
    while (performance.now() - started < FINISH_TIMEOUT_MS) {
      const [row] = await queryRows<{ status: string }>(
        handle.db,
        sql`select status from broadcasts where id = ${broadcastId}`,
      );
      status = row?.status ?? "";
      if (status === "completed" && !sendingDone) sendingDone = performance.now();
      if (status === "completed" && (await stubSends()).pendingWebhooks === 0) break;
      await sleep(250);
    }
    const measured = stop ? await stop() : null;
    const { sends, refused } = await stubSends();
    const perContact = new Map<string, number>();
    for (const s of sends) {
      const to = s.to.replace(/^\+/, "");
      perContact.set(to, (perContact.get(to) ?? 0) + 1);
    }
    let lost = 0;
    let duplicated = 0;
    for (let g = 1; g <= o.contacts; g++) {
      const n = perContact.get(String(3519100000000 + g)) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicated++;
    }
    const times = sends.map((s) => s.at).sort((a, b) => a - b);
    const lo = Math.floor(times.length * 0.1);
    const hi = Math.max(lo + 1, Math.floor(times.length * 0.9));
    const span = ((times[hi] ?? 0) - (times[lo] ?? 0)) / 1000;
    return {
      contacts: o.contacts,
      sends: sends.length,
      lost,
      duplicated,
      kills,
      sustainedRate: span > 0 ? (hi - lo) / span : 0,
      seconds: ((sendingDone || performance.now()) - started) / 1000,
      refusedOverRate: refused,
      status,
      measured,
    };
  } finally {
    if (app) await killHard(app);
    if (stub.pid) process.kill(-stub.pid, "SIGKILL");
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
