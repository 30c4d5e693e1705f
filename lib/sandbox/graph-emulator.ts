import { z } from "zod";
import * as q from "@/db/queries/sandbox";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { deliverWebhook, type SandboxPricing, sandboxPricing, statusPayload } from "./deliver";
import { authorizeWaba, debugToken, oauth, phoneNumber, waba } from "./emulator-accounts";
import { authorizeNumber, bearer, type EmulatorDeps, tokenMatches } from "./emulator-auth";
import { catalogRoute, productMessageProblem } from "./emulator-catalog";
import { appDataSync } from "./emulator-coexistence";
import { mediaMessageProblem, uploadMedia } from "./emulator-media";
import { checkTemplateSend, editTemplate } from "./emulator-templates";
import { openUploadSession, receiveUpload } from "./emulator-uploads";
import { invalidToken, metaError, newWamid, unknownObject } from "./meta-error";

export type { EmulatorDeps } from "./emulator-auth";

const WINDOW_MS = 24 * 60 * 60 * 1000;

const sendBody = z.looseObject({
  messaging_product: z.literal("whatsapp"),
  to: z
    .string()
    .regex(/^\+?\d{6,15}$/, "Invalid parameter: to")
    .optional(),
  // A customer who uses a WhatsApp username and shares no phone: their business-scoped user id.
  recipient: z
    .string()
    .regex(/^[A-Z]{2}\.[A-Za-z0-9.]{1,128}$/, "Invalid parameter: recipient")
    .optional(),
  type: z
    .enum([
      "text",
      "interactive",
      "template",
      "image",
      "document",
      "audio",
      "video",
      "sticker",
      "location",
      "reaction",
      "contacts",
    ])
    .default("text"),
  text: z.looseObject({ body: z.string().min(1) }).optional(),
  interactive: z
    .looseObject({ type: z.enum(["button", "list", "cta_url", "flow", "product", "product_list"]) })
    .optional(),
  template: z
    .looseObject({ name: z.string(), language: z.looseObject({ code: z.string() }) })
    .optional(),
  biz_opaque_callback_data: z
    .string()
    .max(512, "Invalid parameter: biz_opaque_callback_data")
    .optional(),
});
const readBody = z.object({
  messaging_product: z.literal("whatsapp"),
  status: z.literal("read"),
  message_id: z.string(),
  typing_indicator: z.unknown().optional(),
});

async function sendMessage(
  req: Request,
  phoneNumberId: string,
  deps: EmulatorDeps,
  // POST /{phone-number-id}/marketing_messages: Meta's Marketing Messages API, the same body as
  // /messages, for marketing templates only.
  marketing = false,
): Promise<Response> {
  const number = await authorizeNumber(req, phoneNumberId, deps);
  if (number instanceof Response) return number;
  // As at Meta: a number from Embedded Signup sends nothing until it is registered.
  if (!number.registered) return metaError(400, 133010, "Account not registered");
  const json: unknown = await req.json().catch(() => null);

  const read = readBody.safeParse(json);
  if (read.success) {
    const original = await q.findSandboxMessage(deps.db, read.data.message_id);
    if (
      !original ||
      original.phoneNumberId !== phoneNumberId ||
      original.direction !== "from_customer"
    ) {
      return metaError(
        400,
        100,
        "Invalid parameter",
        `message_id ${read.data.message_id} is not a message this number received`,
      );
    }
    await q.setSandboxStatus(deps.db, { wamids: [original.wamid], status: "read" });
    return Response.json({ success: true });
  }

  const parsed = sendBody.safeParse(json);
  if (!parsed.success)
    return metaError(400, 100, "Invalid parameter", parsed.error.issues[0]?.message);
  const m = parsed.data;
  if (!m.to === !m.recipient) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      "Give either to (a phone) or recipient (a user id)",
    );
  }
  if (m.type === "text" && (!m.text || m.text.body.length > MAX_TEXT)) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      `text.body is required and must be at most ${MAX_TEXT} characters`,
    );
  }
  if (marketing && (m.type !== "template" || !m.template)) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      "The Marketing Messages API sends marketing templates only",
    );
  }
  let templateCategory: string | null = null;
  if (m.type === "template") {
    if (!m.template) return metaError(400, 100, "Invalid parameter", "template is required");
    const checked = await checkTemplateSend(deps, number.wabaId, m.template);
    if ("refused" in checked) return checked.refused;
    templateCategory = checked.category;
    if (marketing && templateCategory.toUpperCase() !== "MARKETING") {
      return metaError(
        400,
        100,
        "Invalid parameter",
        `template ${m.template.name} is not a marketing template; send it through /messages`,
      );
    }
  }
  if (m.interactive?.type === "product" || m.interactive?.type === "product_list") {
    const refused = await productMessageProblem(deps, number.wabaId, m.interactive);
    if (refused) return refused;
  }
  const mediaRefused = await mediaMessageProblem(deps, phoneNumberId, m.type, m);
  if (mediaRefused) return mediaRefused;
  const customer = m.to ? m.to.replace(/^\+/, "") : (m.recipient ?? "");
  const wamid = newWamid();
  const { messaging_product: _product, to: _to, recipient: _recipient, ...content } = m;
  await q.insertSandboxMessage(deps.db, {
    phoneNumberId,
    customer,
    direction: "to_customer",
    wamid,
    type: m.type,
    body: content,
    status: "sent",
  });

  // As on WhatsApp: free-form messages are accepted, then fail when the 24-hour window is closed.
  const last = await q.lastFromCustomer(deps.db, { phoneNumberId, customer });
  const windowOpen = last !== null && Date.now() - last.getTime() <= WINDOW_MS;
  const windowClosed = m.type !== "template" && !windowOpen;
  const pricing = sandboxPricing(marketing ? "marketing_lite" : templateCategory, windowOpen);
  deps.later(async () => {
    const notify = (
      status: string,
      extra: { errorCode?: number; details?: string; pricing?: SandboxPricing } = {},
    ) =>
      deliverWebhook(
        deps.appUrl,
        deps.app.appSecret,
        statusPayload(number, {
          wamid,
          status,
          customer,
          callbackData: m.biz_opaque_callback_data,
          ...extra,
        }),
      );
    if (windowClosed) {
      await q.setSandboxStatus(deps.db, { wamids: [wamid], status: "failed", errorCode: 131047 });
      await notify("failed", {
        errorCode: 131047,
        details:
          "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      });
      return;
    }
    // As Meta does: the pricing rides on `sent` and once more on `delivered`.
    await notify("sent", { pricing });
    await new Promise((r) => setTimeout(r, 200));
    await q.setSandboxStatus(deps.db, { wamids: [wamid], status: "delivered" });
    await notify("delivered", { pricing });
  });
  return Response.json({
    messaging_product: "whatsapp",
    contacts: [m.to ? { input: m.to, wa_id: customer } : { input: m.recipient, user_id: customer }],
    messages: [{ id: wamid }],
  });
}

async function media(
  req: Request,
  id: string,
  deps: EmulatorDeps,
  download: boolean,
): Promise<Response | null> {
  const item = await q.getSandboxMedia(deps.db, id);
  if (!item) return null;
  const number = await q.getSandboxNumber(deps.db, item.phoneNumberId);
  if (!tokenMatches(bearer(req), number?.tokens ?? [], deps.keyring)) return invalidToken();
  if (download) {
    // Meta's CDN announces the size, as the proxy's range answers rely on.
    return new Response(new Uint8Array(item.bytes), {
      headers: { "content-type": item.mimeType, "content-length": String(item.bytes.length) },
    });
  }
  return Response.json({
    messaging_product: "whatsapp",
    url: `${deps.appUrl}/sandbox/graph/media/${id}`,
    mime_type: item.mimeType,
    sha256: item.sha256,
    file_size: item.bytes.length,
    id,
  });
}

/** Routes /sandbox/graph/{version}/… the way graph.facebook.com does, for the calls Parley makes. */
export async function handleGraphRequest(
  req: Request,
  path: string[],
  deps: EmulatorDeps,
): Promise<Response> {
  const url = new URL(req.url);
  const method = req.method.toUpperCase();
  const [first, ...rest] = path;
  if (first === "media" && rest.length === 1 && rest[0]) {
    return (await media(req, rest[0], deps, true)) ?? unknownObject(rest[0]);
  }
  if (!first || !/^v\d+\.\d+$/.test(first)) return metaError(400, 2500, "Unknown path components");
  const [id, action, ...extra] = rest;
  if (!id || extra.length > 0) return metaError(400, 2500, "Unknown path components");
  if (id === "oauth" && action === "access_token" && method === "POST") return oauth(req, deps);
  if (id === "debug_token" && !action && method === "GET") return debugToken(req, url, deps);
  if (action === "messages" && method === "POST") return sendMessage(req, id, deps);
  if (action === "media" && method === "POST") return uploadMedia(req, id, deps);
  if (action === "smb_app_data" && method === "POST") return appDataSync(req, id, deps);
  if (action === "marketing_messages" && method === "POST") {
    return sendMessage(req, id, deps, true);
  }
  if (id === deps.app.appId && action === "uploads" && method === "POST")
    return openUploadSession(req, url, deps);
  if (id.startsWith("upload:") && !action && method === "POST") return receiveUpload(req, id, deps);
  const catalog = await catalogRoute(req, url, id, action, method, deps);
  if (catalog) return catalog;
  if (action === "subscribed_apps" || action === "message_templates" || action === "phone_numbers")
    return waba(req, id, action, deps, method);
  if (!action && method === "GET") {
    const asMedia = await media(req, id, deps, false);
    if (asMedia) return asMedia;
  }
  if (!action && method === "POST") {
    const edited = await editTemplate(req, id, deps, (wabaId) => authorizeWaba(req, wabaId, deps));
    if (edited) return edited;
  }
  return phoneNumber(req, id, deps, method, action);
}
