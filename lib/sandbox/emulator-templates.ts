import { randomInt } from "node:crypto";
import { z } from "zod";
import * as q from "@/db/queries/sandbox";
import type { EmulatorDeps } from "./emulator-auth";
import { metaError } from "./meta-error";
import { SANDBOX_TEMPLATES } from "./templates";

// The template side of the emulated WABA: the fixed templates every sandbox WABA has, plus those
// submitted through `POST /{waba}/message_templates`, which Meta reviews before they can be sent.

/** How long the emulated review takes when the deps do not say: long enough to see "pending". */
export const DEFAULT_TEMPLATE_REVIEW_MS = 15_000;

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;
const countVariables = (text: string) => new Set([...text.matchAll(PLACEHOLDER)]).size;

const createBody = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, "name may only hold lower-case letters, digits and underscores"),
  language: z.string().min(2).max(15),
  category: z.enum(["UTILITY", "MARKETING", "AUTHENTICATION"]),
  components: z
    .array(
      z.looseObject({
        type: z.string(),
        text: z.string().optional(),
        example: z.looseObject({ body_text: z.array(z.array(z.string())).optional() }).optional(),
      }),
    )
    .min(1),
});

/** The WABA's templates in the listing's shape: the fixed ones, then the submitted ones. */
export async function wabaTemplates(deps: EmulatorDeps, wabaId: string) {
  const submitted = await q.listSandboxTemplates(deps.db, wabaId);
  return [
    ...SANDBOX_TEMPLATES,
    ...submitted.map((t) => ({
      id: t.id,
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category,
      components: t.components,
    })),
  ];
}

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
  const body = t.components.find((c) => c.type.toUpperCase() === "BODY");
  if (!body?.text) return metaError(400, 100, "Invalid parameter", "a BODY component is required");
  const variables = countVariables(body.text);
  // As at Meta: a body with variables needs one example value for each.
  if (variables > 0 && body.example?.body_text?.[0]?.length !== variables) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      `example.body_text must give ${variables} example values`,
    );
  }
  if (SANDBOX_TEMPLATES.some((f) => f.name === t.name && f.language === t.language)) {
    return metaError(400, 100, "Message template already exists in this language");
  }
  const reviewMs = deps.templateReviewMs ?? DEFAULT_TEMPLATE_REVIEW_MS;
  const id = `9${Date.now()}${randomInt(1000, 9999)}`.slice(0, 16);
  const status = reviewMs <= 0 ? "APPROVED" : "PENDING";
  const created = await q.insertSandboxTemplate(deps.db, {
    id,
    wabaId,
    name: t.name,
    language: t.language,
    category: t.category,
    status,
    components: t.components,
    reviewAt: new Date(Date.now() + Math.max(0, reviewMs)),
  });
  if (!created) return metaError(400, 100, "Message template already exists in this language");
  return Response.json({ id, status, category: t.category });
}

/**
 * Meta's refusal of a template send, or null when it would go: the template must exist on the
 * number's WABA in that language, be approved, and get one body parameter per variable.
 */
export async function templateSendProblem(
  deps: EmulatorDeps,
  wabaId: string | null,
  template: { name: string; language: { code: string }; components?: unknown },
): Promise<Response | null> {
  // The fixed templates have always been accepted in any language and with any parameters (the
  // simulated phone and older tests rely on it); submitted ones are held to Meta's rules.
  if (SANDBOX_TEMPLATES.some((t) => t.name === template.name)) return null;
  const submitted = wabaId ? await q.listSandboxTemplates(deps.db, wabaId) : [];
  const found = submitted.find(
    (t) => t.name === template.name && t.language === template.language.code,
  );
  if (found?.status !== "APPROVED") {
    return metaError(
      404,
      132001,
      "Template name does not exist in the translation",
      `template ${template.name} (${template.language.code}) is not approved on this account`,
    );
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
    return metaError(
      400,
      132000,
      "Number of parameters does not match the expected number of params",
      `body: expected ${expected}, got ${bodyParams}`,
    );
  }
  return null;
}
