import type { z } from "zod";
import {
  type AudienceCount,
  cancelBroadcast,
  countAudience,
  insertBroadcast,
} from "@/db/queries/broadcasts";
import { listWorkspaceChannels } from "@/db/queries/channels";
import type { BroadcastAudience, BroadcastParameter } from "@/db/schema";
import { dispatchBroadcast } from "@/inngest/dispatch";
import type { WorkspaceActor } from "@/lib/auth/access";
import type { ActionResult } from "@/lib/auth/workspace";
import type { ReplyDeps } from "@/lib/bot/deps";
import { listInboxTemplates } from "@/lib/inbox/list-templates";
import { log } from "@/lib/log";
import type { createBroadcastSchema } from "@/lib/validations/broadcast";
import { unmappedParameters } from "./parameters";

type Deps = Pick<ReplyDeps, "db" | "graph" | "keyring">;
export type CreateBroadcast = z.output<typeof createBroadcastSchema>;

const refuse = (code: string, message: string, field?: string) =>
  ({
    ok: false,
    code,
    message,
    ...(field && { fieldErrors: { [field]: message } }),
  }) as const;

/** How many contacts the audience names and would receive a broadcast, and why the others not. */
export function previewAudience(
  ctx: WorkspaceActor,
  input: { audience: BroadcastAudience },
): Promise<AudienceCount> {
  return countAudience(ctx.db, { workspaceId: ctx.workspace.id, audience: input.audience });
}

/**
 * Creates a broadcast and hands it to the job system: an approved template of the number's
 * account, every variable given a source, to the audience's opted-in contacts, now or at its time.
 */
export async function createWorkspaceBroadcast(
  ctx: WorkspaceActor & { user?: { id: string } },
  deps: Deps,
  input: CreateBroadcast,
  options: { now?: Date; dispatch?: typeof dispatchBroadcast } = {},
): Promise<ActionResult<{ id: string; audience: AudienceCount }>> {
  const workspaceId = ctx.workspace.id;
  const now = options.now ?? new Date();
  const numbers = (await listWorkspaceChannels(ctx.db, workspaceId)).filter(
    (c) => c.status === "connected",
  );
  const channel = input.channelId
    ? numbers.find((c) => c.id === input.channelId)
    : numbers.length === 1
      ? numbers[0]
      : undefined;
  if (!channel) {
    return input.channelId || numbers.length === 0
      ? refuse(
          "invalid",
          "Connect a WhatsApp number first: broadcasts go out from it.",
          "channelId",
        )
      : refuse(
          "invalid",
          "The workspace has several numbers: say which to send from.",
          "channelId",
        );
  }
  const list = await listInboxTemplates(deps, { workspaceId, channelId: channel.id });
  if (!list.ok) return refuse("unavailable", list.message);
  const template = list.templates.find(
    (t) => t.name === input.template.name && t.language === input.template.language,
  );
  if (!template) {
    const waiting = list.unapproved.find(
      (t) => t.name === input.template.name && t.language === input.template.language,
    );
    return refuse(
      "invalid",
      waiting
        ? `The template ${input.template.name} (${input.template.language}) is ${waiting.status.toLowerCase()}: only approved templates can be broadcast.`
        : `No approved template ${input.template.name} (${input.template.language}) that Parley can fill in was found for this number.`,
      "template",
    );
  }
  const parameters: Record<string, BroadcastParameter> = {};
  for (const [key, p] of Object.entries(input.parameters)) {
    parameters[key] = p.kind === "field" ? { ...p, fallback: p.fallback ?? "" } : p;
  }
  const unmapped = unmappedParameters(template, parameters);
  if (unmapped.length > 0) {
    return refuse(
      "invalid",
      `Say what to put in ${unmapped.join(", ")}: a fixed text or a contact field.`,
      "parameters",
    );
  }
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
  if (scheduledAt && scheduledAt.getTime() < now.getTime() - 60_000) {
    return refuse("invalid", "The time to send is in the past.", "scheduledAt");
  }
  const audience = await countAudience(ctx.db, { workspaceId, audience: input.audience });
  if (audience.included === 0) {
    return refuse(
      "invalid",
      "No opted-in contact matches this audience, so there is no one to send it to.",
      "audience",
    );
  }
  const { id } = await insertBroadcast(ctx.db, {
    workspaceId,
    channelId: channel.id,
    name: input.name,
    templateId: null,
    template: {
      name: template.name,
      language: template.language,
      category: template.category,
      header: template.header,
      body: template.body,
      footer: template.footer,
      buttons: template.buttons,
      params: template.params,
      named: template.named,
    },
    parameters,
    audience: input.audience,
    status: "scheduled",
    scheduledAt,
    createdBy: ctx.user?.id ?? null,
  });
  await ctx.audit("broadcast.created", id, {
    template: template.name,
    audience: audience.included,
    scheduledAt: scheduledAt?.toISOString() ?? null,
  });
  try {
    await (options.dispatch ?? dispatchBroadcast)({ workspaceId, broadcastId: id });
  } catch (err) {
    // Stored already: the sweep starts it within a minute.
    log.error({ err, workspaceId, broadcastId: id }, "Could not queue the broadcast");
  }
  return { ok: true, data: { id, audience } };
}

export async function cancelWorkspaceBroadcast(
  ctx: WorkspaceActor,
  input: { id: string },
): Promise<ActionResult<{ id: string }>> {
  const cancelled = await cancelBroadcast(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!cancelled) {
    return refuse("conflict", "This broadcast has finished already, or does not exist.");
  }
  await ctx.audit("broadcast.cancelled", input.id);
  return { ok: true, data: { id: input.id } };
}
