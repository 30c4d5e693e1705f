import { type Database, getDb } from "@/db";
import { type ApiKeyScope, findActiveApiKey, touchApiKey } from "@/db/queries/api-keys";
import { recordAudit } from "@/db/queries/audit-log";
import type { WorkspaceActor } from "@/lib/auth/access";
import { hashApiKey, looksLikeApiKey } from "@/lib/crypto/api-keys";
import { withRequestLog } from "@/lib/log";
import { ApiError, toErrorResponse } from "./errors";
import { answerIdempotently, idempotencyKeyOf } from "./idempotency";
import { checkApiKeyRate } from "./rate-limit";

const TOUCH_EVERY_MS = 60_000;

type ApiKeyContext<P> = {
  /** The key as the one changing the workspace's data: its changes are audited as the key's. */
  actor: WorkspaceActor;
  req: Request;
  params: P;
  searchParams: URLSearchParams;
  db: Database;
  workspaceId: string;
};

type RouteContext<P> = { params: Promise<P> };

const SCOPE_REFUSED: Record<ApiKeyScope, string> = {
  read: "This API key may not read. Create a key with read access on the workspace's API keys page.",
  write:
    "This API key is read-only. Create a key with write access on the workspace's API keys page.",
};

/**
 * The public API's only entry: resolves the bearer key to its workspace, or answers 401, and
 * answers 403 when the key lacks the route's scope (`read` unless the route says `write`). Every
 * request counts against the key's rate limit (429 with `Retry-After` beyond it), and every write
 * (POST, PUT, PATCH, DELETE) sent with an `Idempotency-Key` header is answered once per key
 * (lib/api/idempotency.ts): a route gets both by being built with this wrapper.
 */
export function withApiKey<P = Record<string, never>>(
  handler: (ctx: ApiKeyContext<P>) => Promise<Response>,
  options: { scope?: ApiKeyScope } = {},
) {
  const scope = options.scope ?? "read";
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
      if (!found.scopes.includes(scope)) throw new ApiError("forbidden", SCOPE_REFUSED[scope]);
      // Key use is recorded at most once a minute; the lookup already says whether it is due.
      if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await touchApiKey(db, { workspaceId: found.workspaceId, id: found.id });
      }
      await checkApiKeyRate(db, { apiKeyId: found.id, now: new Date() });
      const workspaceId = found.workspaceId;
      const actor: WorkspaceActor = {
        db,
        workspace: { id: workspaceId },
        audit: (action, target, details) =>
          recordAudit(db, {
            workspaceId,
            actorType: "api_key",
            actorId: found.id,
            action,
            target: target ?? null,
            details: details ?? null,
          }),
      };
      const params = await route.params;
      const answer = (request: Request) =>
        handler({
          actor,
          req: request,
          params,
          searchParams: new URL(request.url).searchParams,
          db,
          workspaceId,
        });
      const idempotencyKey = idempotencyKeyOf(req);
      if (idempotencyKey === null) return await answer(req);
      return await answerIdempotently(db, { workspaceId, key: idempotencyKey, req }, answer);
    } catch (error) {
      return toErrorResponse(error);
    }
  }
}
