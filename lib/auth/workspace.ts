import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { requestIdOf, withRequestId, withRequestLog } from "@/lib/log";
import { resolveWorkspaceAccess, type WorkspaceContext } from "./access";
import type { Permission } from "./permissions";
import { currentUser } from "./session";

export type { WorkspaceActor, WorkspaceContext } from "./access";

// Every workspace page, server action and route resolves access here and nowhere else.
async function access(slug: string, permission: Permission) {
  return resolveWorkspaceAccess(await getDb(), await currentUser(), slug, permission);
}

/** For pages and layouts: signed-out users go to sign-in, outsiders get 404, other roles 403. */
export async function requireWorkspace(
  slug: string,
  permission: Permission = "workspace.view",
): Promise<WorkspaceContext> {
  const { verdict, ctx } = await access(slug, permission);
  if (ctx) return ctx;
  if (!verdict.ok && verdict.reason === "signed_out")
    redirect(`/sign-in?next=${encodeURIComponent(`/${slug}`)}`);
  if (!verdict.ok && verdict.reason === "forbidden") forbidden();
  notFound();
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

/** For server actions: the input is parsed with `schema`; refusals come back as values. */
export function workspaceAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (ctx: WorkspaceContext, input: z.infer<S>) => Promise<ActionResult<T>>,
) {
  return async (slug: string, input: z.input<S>): Promise<ActionResult<T>> => {
    const { verdict, ctx } = await access(slug, permission);
    if (!ctx) {
      const refusal = verdict.ok
        ? { reason: "not_member", message: "Workspace not found." }
        : verdict;
      return { ok: false, code: refusal.reason, message: refusal.message };
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "form";
        fieldErrors[field] ??= issue.message;
      }
      return {
        ok: false,
        code: "invalid",
        message: "Please correct the highlighted fields.",
        fieldErrors,
      };
    }
    // Log lines written while the action runs carry the request id the proxy gave the request.
    const requestId = requestIdOf(await headers());
    return withRequestId(requestId, () => handler(ctx, parsed.data));
  };
}

type RouteCtx<P> = { params: Promise<P & { workspace: string }> };

/** For route handlers under a `[workspace]` segment: 401, 404 or 403 as JSON. */
export function withWorkspace<P>(
  permission: Permission,
  handler: (req: Request, ctx: WorkspaceContext, params: P) => Promise<Response>,
) {
  return (req: Request, route: RouteCtx<P>): Promise<Response> =>
    withRequestLog(req, async () => {
      try {
        const params = await route.params;
        const { verdict, ctx } = await access(params.workspace, permission);
        if (!ctx) {
          if (verdict.ok) throw new ApiError("not_found", "Workspace not found.");
          throw new ApiError(
            verdict.reason === "signed_out"
              ? "unauthorized"
              : verdict.reason === "forbidden"
                ? "forbidden"
                : "not_found",
            verdict.message,
          );
        }
        return await handler(req, ctx, params);
      } catch (error) {
        return toErrorResponse(error);
      }
    });
}
