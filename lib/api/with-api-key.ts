import { type Database, getDb } from "@/db";
import { findActiveApiKey, touchApiKey } from "@/db/queries/api-keys";
import { hashApiKey, looksLikeApiKey } from "@/lib/crypto/api-keys";
import { withRequestLog } from "@/lib/log";
import { ApiError, toErrorResponse } from "./errors";

const TOUCH_EVERY_MS = 60_000;

type ApiKeyContext<P> = {
  req: Request;
  params: P;
  searchParams: URLSearchParams;
  db: Database;
  workspaceId: string;
};

type RouteContext<P> = { params: Promise<P> };

// The public API's only entry: resolves the bearer key to its workspace, or answers 401.
export function withApiKey<P = Record<string, never>>(
  handler: (ctx: ApiKeyContext<P>) => Promise<Response>,
) {
  return (req: Request, route: RouteContext<P>): Promise<Response> =>
    withRequestLog(req, () => run(req, route));
  async function run(req: Request, route: RouteContext<P>): Promise<Response> {
    try {
      const header = req.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        throw new ApiError(
          "unauthorized",
          "Send your workspace API key as `Authorization: Bearer <key>`.",
        );
      }
      const key = match[1];
      const db = await getDb();
      const found = looksLikeApiKey(key) ? await findActiveApiKey(db, hashApiKey(key)) : null;
      if (!found)
        throw new ApiError("unauthorized", "The API key is not valid or has been revoked.");
      // Key use is recorded at most once a minute; the lookup already says whether it is due.
      if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await touchApiKey(db, { workspaceId: found.workspaceId, id: found.id });
      }
      return await handler({
        req,
        params: await route.params,
        searchParams: new URL(req.url).searchParams,
        db,
        workspaceId: found.workspaceId,
      });
    } catch (error) {
      return toErrorResponse(error);
    }
  }
}
