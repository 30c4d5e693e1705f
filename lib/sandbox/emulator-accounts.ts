import { z } from "zod";
import * as q from "@/db/queries/sandbox";
import { constantTimeEqual } from "@/lib/whatsapp/signature";
import {
  authorizeNumber,
  bearer,
  type EmulatorDeps,
  refuseBearer,
  tokenMatches,
} from "./emulator-auth";
import { createTemplate, deleteTemplate, wabaTemplates } from "./emulator-templates";
import { invalidToken, metaError, unknownObject } from "./meta-error";
import { redeemSandboxCode } from "./signup-codes";

// The account side of the emulated Graph API: numbers, WABAs, code exchange and token checks.

export async function phoneNumber(
  req: Request,
  id: string,
  deps: EmulatorDeps,
  method: string,
  action?: string,
): Promise<Response> {
  const number = await authorizeNumber(req, id, deps);
  if (number instanceof Response) return number;
  if (method === "GET" && !action) {
    return Response.json({
      id,
      display_phone_number: number.displayPhoneNumber ?? id,
      verified_name: number.verifiedName ?? number.workspaceName ?? id,
      quality_rating: number.qualityRating ?? "GREEN",
      code_verification_status: "VERIFIED",
      name_status: "APPROVED",
      // As Meta reports a number added and verified in WhatsApp Manager but never registered.
      platform_type: number.registered ? "CLOUD_API" : "NOT_APPLICABLE",
      status: number.registered ? "CONNECTED" : "PENDING",
      throughput: { level: "STANDARD" },
    });
  }
  if (method === "POST" && action === "register") {
    const body = z
      .object({ messaging_product: z.literal("whatsapp"), pin: z.string().regex(/^\d{6}$/) })
      .safeParse(await req.json().catch(() => null));
    if (!body.success) return metaError(400, 100, "Invalid parameter", "pin must be 6 digits");
    await q.markSandboxRegistered(deps.db, id);
    return Response.json({ success: true });
  }
  return metaError(400, 100, "Unsupported request");
}

export async function waba(
  req: Request,
  wabaId: string,
  action: string,
  deps: EmulatorDeps,
  method: string,
): Promise<Response> {
  const tokens = await q.listWabaTokens(deps.db, wabaId);
  if (tokens.length === 0) return unknownObject(wabaId);
  if (!tokenMatches(bearer(req), tokens, deps.keyring)) return refuseBearer(req, wabaId, deps);
  if (action === "subscribed_apps" && method === "POST") {
    await q.markSandboxSubscribed(deps.db, wabaId);
    return Response.json({ success: true });
  }
  if (action === "message_templates" && method === "GET")
    return Response.json({ data: await wabaTemplates(deps, wabaId), paging: { cursors: {} } });
  if (action === "message_templates" && method === "POST") return createTemplate(req, wabaId, deps);
  if (action === "message_templates" && method === "DELETE")
    return deleteTemplate(new URL(req.url), wabaId, deps);
  if (action === "phone_numbers" && method === "GET") {
    const numbers = await q.listWabaPhoneNumbers(deps.db, wabaId);
    return Response.json({
      data: numbers.map((n) => ({
        id: n.id,
        display_phone_number: n.displayPhoneNumber,
        verified_name: n.verifiedName,
        quality_rating: n.qualityRating,
      })),
      paging: { cursors: {} },
    });
  }
  return metaError(400, 100, "Unsupported request");
}

/** Null when the bearer may act on the WABA, else Meta's refusal. */
export async function authorizeWaba(req: Request, wabaId: string, deps: EmulatorDeps) {
  const tokens = await q.listWabaTokens(deps.db, wabaId);
  if (tokens.length === 0) return unknownObject(wabaId);
  return tokenMatches(bearer(req), tokens, deps.keyring) ? null : refuseBearer(req, wabaId, deps);
}

export async function oauth(req: Request, deps: EmulatorDeps): Promise<Response> {
  const form = new URLSearchParams(await req.text());
  if (
    form.get("client_id") !== deps.app.appId ||
    !constantTimeEqual(form.get("client_secret") ?? "", deps.app.appSecret)
  ) {
    return metaError(400, 101, "Error validating application. Invalid application ID or secret.");
  }
  const token = redeemSandboxCode(form.get("code") ?? "");
  if (!token) return metaError(400, 100, "This authorization code has expired or has been used.");
  return Response.json({ access_token: token, token_type: "bearer" });
}

export async function debugToken(req: Request, url: URL, deps: EmulatorDeps): Promise<Response> {
  if (!constantTimeEqual(bearer(req) ?? "", `${deps.app.appId}|${deps.app.appSecret}`))
    return invalidToken();
  const input = url.searchParams.get("input_token");
  const valid = tokenMatches(input, await q.listAllTokens(deps.db), deps.keyring);
  return Response.json({
    data: {
      app_id: deps.app.appId,
      type: "SYSTEM_USER",
      application: "Parley sandbox",
      is_valid: valid,
      expires_at: 0,
      scopes: valid ? ["whatsapp_business_management", "whatsapp_business_messaging"] : [],
    },
  });
}
