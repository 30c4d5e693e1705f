import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { log, withRequestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

// GET /api/health – liveness with the database actually queried
export const GET = (req: Request) => withRequestLog(req, health);

async function health() {
  const env = getEnv();
  const body = { db: env.db, jobs: env.jobs, sandbox: env.sandbox };
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", ...body });
  } catch (error) {
    log.error({ err: error }, "Health check failed: database unavailable");
    return Response.json(
      {
        status: "error",
        ...body,
        error: { code: "database_unavailable", message: "The database cannot be reached." },
      },
      { status: 503 },
    );
  }
}
