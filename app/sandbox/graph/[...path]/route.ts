import { after } from "next/server";
import { getDb } from "@/db";
import { getKeyring } from "@/lib/crypto";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { handleGraphRequest } from "@/lib/sandbox/graph-emulator";
import { sandboxRoute } from "@/lib/sandbox/guard";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ path: string[] }> };

// /sandbox/graph/… – the Graph API emulator (sandbox only)
const handle = sandboxRoute(async (req: Request, ctx: Ctx) => {
  const env = getEnv();
  return handleGraphRequest(req, (await ctx.params).path, {
    db: await getDb(),
    keyring: getKeyring(),
    appUrl: env.appUrl,
    app: { appId: env.meta.appId, appSecret: env.meta.appSecret },
    later: (task) =>
      after(() =>
        task().catch((err: unknown) => log.error({ err }, "Sandbox status webhook failed")),
      ),
  });
});

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
