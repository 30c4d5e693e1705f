import { z } from "zod";
import { botFields } from "./bot-settings";
import { fromStoredHours, toStoredHours, WEEKDAYS, weeklyHoursSchema } from "./business-hours";
import {
  faqAnswer,
  faqExamples,
  faqKeywords,
  faqPriority,
  faqQuestion,
  withoutQuestion,
} from "./faq";

const metaId = (what: string) =>
  z
    .string({ error: `${what} must be a string of digits (quote it in JSON)` })
    .trim()
    .regex(/^\d{5,25}$/, `${what} must be a string of digits, as Meta shows it`);

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

// The same fields and limits as the FAQ page and its CSV/JSON import.
const faqSchema = z
  .strictObject({
    question: faqQuestion,
    answer: faqAnswer,
    keywords: faqKeywords.optional(),
    // Other wordings of the question; left out, an FAQ already saved keeps its own.
    examples: faqExamples.optional(),
    priority: faqPriority.optional(),
  })
  .transform((f) => (f.examples ? { ...f, examples: withoutQuestion(f.examples, f.question) } : f));

// A week as the database keeps it, `{"1": ["09:00-18:00"]}` (ISO weekday, Monday = 1), checked by
// the same rules as the bot settings page; days left out are closed, null means always open.
const businessHoursSchema = z
  .partialRecord(
    z.enum(WEEKDAYS.map((w) => w.day) as [string, ...string[]], {
      error: 'days are ISO weekday numbers, "1" (Monday) to "7" (Sunday)',
    }),
    z.array(
      z.string().regex(/^\s*\d\d:\d\d\s*-\s*\d\d:\d\d\s*$/, "write each range as HH:MM-HH:MM"),
    ),
  )
  .transform((days) =>
    fromStoredHours(
      Object.fromEntries(Object.entries(days).flatMap(([d, r]) => (r ? [[d, r]] : []))),
    ),
  )
  .pipe(weeklyHoursSchema)
  .transform(toStoredHours)
  .nullable();

// The same fields and limits as the bot settings page; an empty text clears the setting.
const botSchema = z.strictObject({
  enabled: botFields.enabled.optional(),
  aiEnabled: botFields.aiEnabled.optional(),
  systemPrompt: botFields.systemPrompt.optional(),
  tone: botFields.tone.optional(),
  maxReplyLength: botFields.maxReplyLength.optional(),
  welcomeMessage: botFields.welcomeMessage.optional(),
  fallbackMessage: botFields.fallbackMessage.optional(),
  awayMessage: botFields.awayMessage.optional(),
  timezone: botFields.timezone.optional(),
  businessHours: businessHoursSchema.optional(),
  outsideHours: botFields.outsideHours.optional(),
  defaultLanguage: botFields.defaultLanguage.optional(),
  aiDisclosure: botFields.aiDisclosure.optional(),
  systemMessages: botFields.systemMessages.nullable().optional(),
  handoffKeywords: botFields.handoffKeywords.optional(),
  maxMessagesPerHour: botFields.maxMessagesPerHour.optional(),
  maxMessagesPerUserPerDay: botFields.maxMessagesPerUserPerDay.optional(),
  escalationPhone: botFields.escalationPhone.optional(),
  escalationEmail: botFields.escalationEmail.optional(),
});

const workspaceSchema = z.strictObject({
  name: text(200),
  // Invited as the workspace's owner: the import prints the invitation link (and mails it).
  ownerEmail: z
    .string({ error: "must be an e-mail address, such as owner@example.com" })
    .trim()
    .max(254, "is too long for an e-mail address")
    .pipe(z.email("must be an e-mail address, such as owner@example.com"))
    .optional(),
  whatsapp: z.strictObject({
    phoneNumberId: metaId("phoneNumberId"),
    wabaId: metaId("wabaId").optional(),
    displayPhoneNumber: text(40).optional(),
    accessToken: z
      .string()
      .trim()
      .min(20, "looks too short to be an access token")
      .max(2048)
      .optional(),
    verifyToken: z.string().trim().min(8, "must be at least 8 characters").max(200).optional(),
  }),
  bot: botSchema.optional(),
  faqs: z
    .array(faqSchema)
    .max(10_000)
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((faq, i) => {
        const key = faq.question.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [i, "question"],
            message: `repeats the question of faqs[${first}]`,
          });
        } else seen.set(key, i);
      });
    })
    .optional(),
});

export const tenantImportSchema = z.strictObject({
  workspaces: z
    .array(workspaceSchema)
    .min(1, "must list at least one workspace")
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((ws, i) => {
        const first = seen.get(ws.whatsapp.phoneNumberId);
        if (first !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [i, "whatsapp", "phoneNumberId"],
            message: `repeats the phoneNumberId of workspaces[${first}]`,
          });
        } else seen.set(ws.whatsapp.phoneNumberId, i);
      });
    }),
});

export type TenantImport = z.infer<typeof tenantImportSchema>;
export type TenantImportWorkspace = TenantImport["workspaces"][number];

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
    "",
  );
}

/** A problem at a JSON path; `workspace` names the workspace it is in, as the file spells it. */
export type ImportProblem = { path: string; message: string; workspace?: string };

function workspaceNamed(input: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== "workspaces" || typeof path[1] !== "number") return undefined;
  const list = (input as { workspaces?: unknown } | null)?.workspaces;
  const ws = Array.isArray(list) ? (list[path[1]] as { name?: unknown } | undefined) : undefined;
  return typeof ws?.name === "string" && ws.name.trim() !== "" ? ws.name.trim() : undefined;
}

/** One line for a person: `workspaces[1].bot.outsideHours: … (workspace “Kassangas”)`. */
export function describeImportProblem({ path, message, workspace }: ImportProblem): string {
  return workspace ? `${path}: ${message} (workspace “${workspace}”)` : `${path}: ${message}`;
}

/** Every problem in the file, each with its JSON path; an empty list means the file is valid. */
export function validateTenantImport(
  input: unknown,
): { ok: true; data: TenantImport } | { ok: false; problems: ImportProblem[] } {
  const parsed = tenantImportSchema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const workspace = workspaceNamed(input, issue.path);
      return {
        path: formatPath(issue.path) || "(file)",
        message: issue.message,
        ...(workspace !== undefined && { workspace }),
      };
    }),
  };
}
