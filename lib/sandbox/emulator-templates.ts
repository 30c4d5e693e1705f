import { randomInt } from "node:crypto";
import { z } from "zod";
import * as q from "@/db/queries/sandbox";
import { deliverWebhook } from "./deliver";
import type { EmulatorDeps } from "./emulator-auth";
import { isUploadedHandle } from "./emulator-uploads";
import { metaError } from "./meta-error";
import { SANDBOX_TEMPLATES } from "./templates";

// The template side of the emulated WABA: the fixed templates every sandbox WABA has, plus those
// submitted through `POST /{waba}/message_templates`, which Meta reviews before they can be sent,
// edited through `POST /{template-id}` and deleted through `DELETE /{waba}/message_templates`.
// A review ends after `templateReviewMs` with a signed `message_template_status_update` webhook,
// as Meta sends it. A template whose name contains "reject" is rejected (INVALID_FORMAT), so the
// rejected path can be tried offline.

/** How long the emulated review takes when the deps do not say: long enough to see "pending". */
export const DEFAULT_TEMPLATE_REVIEW_MS = 15_000;

const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;
const variables = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
const countVariables = (text: string) => variables(text).size;

const component = z.looseObject({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  example: z
    .looseObject({
      header_text: z.array(z.string()).optional(),
      header_handle: z.array(z.string()).optional(),
      body_text: z.array(z.array(z.string())).optional(),
      body_text_named_params: z
        .array(z.looseObject({ param_name: z.string(), example: z.string() }))
        .optional(),
    })
    .optional(),
  buttons: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional(),
});
const category = z.enum(["UTILITY", "MARKETING", "AUTHENTICATION"]);
const createBody = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, "name may only hold lower-case letters, digits and underscores"),
  language: z.string().min(2).max(15),
  category,
  parameter_format: z.enum(["NAMED", "POSITIONAL"]).optional(),
  components: z.array(component).min(1),
});
const editBody = z.object({
  category: category.optional(),
  parameter_format: z.enum(["NAMED", "POSITIONAL"]).optional(),
  components: z.array(component).min(1),
});

/** Meta's checks of a template's content, as its error answer; null when it passes. */
function contentProblem(components: z.infer<typeof component>[]): Response | null {
  const body = components.find((c) => c.type.toUpperCase() === "BODY");
  if (!body?.text) return metaError(400, 100, "Invalid parameter", "a BODY component is required");
  if (body.text.length > 1024)
    return metaError(400, 100, "Invalid parameter", "BODY text is longer than 1024 characters");
  const count = variables(body.text).size;
  const given =
    body.example?.body_text?.[0]?.length ?? body.example?.body_text_named_params?.length ?? 0;
  // As at Meta: a body with variables needs one example value for each.
  if (count > 0 && given !== count) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      `example.body_text must give ${count} example values`,
    );
  }
  const header = components.find((c) => c.type.toUpperCase() === "HEADER");
  if (header?.text && header.text.length > 60)
    return metaError(400, 100, "Invalid parameter", "HEADER text is longer than 60 characters");
  const format = header?.format?.toUpperCase() ?? "TEXT";
  if (header && ["IMAGE", "VIDEO", "DOCUMENT"].includes(format)) {
    const handle = header.example?.header_handle?.[0] ?? "";
    // A handle from an upload, or the sample URL Meta lists for a template that has one.
    if (!isUploadedHandle(handle) && !/^https?:\/\//.test(handle)) {
      return metaError(
        400,
        100,
        "Invalid parameter",
        "example.header_handle is not a valid media handle",
      );
    }
  }
  return null;
}

const verdict = (t: q.SandboxTemplate) =>
  t.name.includes("reject")
    ? { status: "REJECTED" as const, reason: "INVALID_FORMAT" }
    : { status: "APPROVED" as const, reason: null };

function statusWebhook(wabaId: string, t: q.SandboxTemplate) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: wabaId,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: "message_template_status_update",
            value: {
              event: t.status,
              message_template_id: Number(t.id),
              message_template_name: t.name,
              message_template_language: t.language,
              reason: t.rejectedReason ?? "NONE",
              message_template_category: t.category,
            },
          },
        ],
      },
    ],
  };
}

/** Ends the reviews that are due and tells the app of each after the answer, signed as Meta signs. */
async function finishReviews(deps: EmulatorDeps, wabaId: string) {
  const decided = await q.reviewSandboxTemplates(deps.db, wabaId, verdict);
  for (const t of decided) {
    deps.later(async () => {
      await deliverWebhook(deps.appUrl, deps.app.appSecret, statusWebhook(wabaId, t));
    });
  }
  return decided;
}

function scheduleReview(deps: EmulatorDeps, wabaId: string, reviewMs: number) {
  const due = Date.now() + reviewMs;
  deps.later(async () => {
    // Waits by the wall clock the review time is stored in: a timer may fire a little early
    // against it (its clock is read at the start of the event loop's turn).
    for (let left = reviewMs; left > 0; left = due - Date.now()) {
      await new Promise((r) => setTimeout(r, left + 1));
    }
    await finishReviews(deps, wabaId);
  });
}

/** The WABA's templates in the listing's shape: the fixed ones, then the submitted ones. */
export async function wabaTemplates(deps: EmulatorDeps, wabaId: string) {
  // As at Meta, the listing shows a review's outcome as soon as it is decided.
  await finishReviews(deps, wabaId);
  const submitted = await q.listSandboxTemplates(deps.db, wabaId);
  return [
    ...SANDBOX_TEMPLATES.map((t) => ({ ...t, quality_score: { score: "GREEN" } })),
    ...submitted.map((t) => ({
      id: t.id,
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category,
      components: t.components,
      quality_score: { score: t.status === "APPROVED" ? "GREEN" : "UNKNOWN" },
      ...(t.rejectedReason && { rejected_reason: t.rejectedReason }),
    })),
  ];
}

/**
 * A new template's id: 15 digits, below 2^53 as Meta's are, since its webhooks carry them as JSON
 * numbers (a larger one would reach the app rounded, naming no template).
 */
export const sandboxTemplateId = () =>
  `${randomInt(1, 10)}${String(randomInt(0, 10 ** 14)).padStart(14, "0")}`;

const reviewMsOf = (deps: EmulatorDeps) => deps.templateReviewMs ?? DEFAULT_TEMPLATE_REVIEW_MS;

export async function createTemplate(
  req: Request,
  wabaId: string,
  deps: EmulatorDeps,
): Promise<Response> {
  const parsed = createBody.safeParse(await req.json().catch(() => null));
  if (!parsed.success) {
    return metaError(400, 100, "Invalid parameter", parsed.error.issues[0]?.message);
  }
  const t = parsed.data;
  const problem = contentProblem(t.components);
  if (problem) return problem;
  if (SANDBOX_TEMPLATES.some((f) => f.name === t.name && f.language === t.language)) {
    return metaError(400, 100, "Message template already exists in this language");
  }
  const reviewMs = reviewMsOf(deps);
  const id = sandboxTemplateId();
  const created = await q.insertSandboxTemplate(deps.db, {
    id,
    wabaId,
    name: t.name,
    language: t.language,
    category: t.category,
    status: "PENDING",
    components: t.components,
    reviewAt: new Date(Date.now() + Math.max(0, reviewMs)),
  });
  if (!created) return metaError(400, 100, "Message template already exists in this language");
  if (reviewMs <= 0) {
    // Reviewed on submission: the answer already says how it ended.
    const [done] = await finishReviews(deps, wabaId);
    return Response.json({ id, status: done?.status ?? "PENDING", category: t.category });
  }
  scheduleReview(deps, wabaId, reviewMs);
  return Response.json({ id, status: "PENDING", category: t.category });
}

/** `POST /{template-id}`: new content (and category), reviewed again. Null: not a template. */
export async function editTemplate(
  req: Request,
  id: string,
  deps: EmulatorDeps,
  authorizeWaba: (wabaId: string) => Promise<Response | null>,
): Promise<Response | null> {
  const template = await q.getSandboxTemplate(deps.db, id);
  if (!template) {
    if (SANDBOX_TEMPLATES.some((t) => t.id === id))
      return metaError(400, 100, "Invalid parameter", "This sample template cannot be edited");
    return null;
  }
  const refused = await authorizeWaba(template.wabaId);
  if (refused) return refused;
  const parsed = editBody.safeParse(await req.json().catch(() => null));
  if (!parsed.success)
    return metaError(400, 100, "Invalid parameter", parsed.error.issues[0]?.message);
  if (!["APPROVED", "REJECTED", "PAUSED"].includes(template.status)) {
    return metaError(400, 100, "Invalid parameter", "Templates in review cannot be edited");
  }
  if (
    parsed.data.category &&
    parsed.data.category !== template.category &&
    template.status === "APPROVED"
  ) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      "An approved template's category cannot change",
    );
  }
  const problem = contentProblem(parsed.data.components);
  if (problem) return problem;
  const reviewMs = reviewMsOf(deps);
  await q.updateSandboxTemplate(deps.db, {
    id,
    category: parsed.data.category ?? template.category,
    components: parsed.data.components,
    reviewAt: new Date(Date.now() + Math.max(0, reviewMs)),
  });
  if (reviewMs <= 0) await finishReviews(deps, template.wabaId);
  else scheduleReview(deps, template.wabaId, reviewMs);
  return Response.json({ success: true });
}

/** `DELETE /{waba}/message_templates?name=…[&hsm_id=…]`. */
export async function deleteTemplate(url: URL, wabaId: string, deps: EmulatorDeps) {
  const name = url.searchParams.get("name");
  if (!name) return metaError(400, 100, "Invalid parameter", "name is required");
  if (SANDBOX_TEMPLATES.some((t) => t.name === name))
    return metaError(400, 100, "Invalid parameter", "This sample template cannot be deleted");
  const deleted = await q.deleteSandboxTemplates(deps.db, {
    wabaId,
    name,
    id: url.searchParams.get("hsm_id") ?? undefined,
  });
  if (deleted === 0)
    return metaError(400, 100, "Invalid parameter", `Message template "${name}" not found`);
  return Response.json({ success: true });
}
/**
 * Meta's refusal of a template send, or the template's category when it would go: the template
 * must exist on the number's WABA in that language, be approved, and get one body parameter per
 * variable.
 */
export async function checkTemplateSend(
  deps: EmulatorDeps,
  wabaId: string | null,
  template: { name: string; language: { code: string }; components?: unknown },
): Promise<{ refused: Response } | { category: string }> {
  // The fixed templates have always been accepted in any language and with any parameters (the
  // simulated phone and older tests rely on it); submitted ones are held to Meta's rules.
  const fixed = SANDBOX_TEMPLATES.find((t) => t.name === template.name);
  if (fixed) return { category: fixed.category };
  const submitted = wabaId ? await q.listSandboxTemplates(deps.db, wabaId) : [];
  const found = submitted.find(
    (t) => t.name === template.name && t.language === template.language.code,
  );
  if (found?.status !== "APPROVED") {
    return {
      refused: metaError(
        404,
        132001,
        "Template name does not exist in the translation",
        `template ${template.name} (${template.language.code}) is not approved on this account`,
      ),
    };
  }
  const bodyText = (found.components as { type?: string; text?: string }[]).find(
    (c) => c.type?.toUpperCase() === "BODY",
  )?.text;
  const expected = countVariables(bodyText ?? "");
  const given = z
    .array(z.looseObject({ type: z.string(), parameters: z.array(z.unknown()).optional() }))
    .safeParse(template.components ?? []);
  const bodyParams = given.success
    ? (given.data.find((c) => c.type.toLowerCase() === "body")?.parameters?.length ?? 0)
    : -1;
  if (bodyParams !== expected) {
    return {
      refused: metaError(
        400,
        132000,
        "Number of parameters does not match the expected number of params",
        `body: expected ${expected}, got ${bodyParams}`,
      ),
    };
  }
  return { category: found.category };
}
