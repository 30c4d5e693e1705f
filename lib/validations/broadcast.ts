import { z } from "zod";
import { contactFieldPattern } from "@/lib/broadcasts/parameters";

export const broadcastParameterSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("fixed"),
    value: z.string().trim().min(1, "Give the text to send.").max(1024),
  }),
  z.object({
    kind: z.literal("field"),
    field: z
      .string()
      .regex(contactFieldPattern, "A contact field is name, phone or attributes.<name>."),
    fallback: z.string().trim().max(1024).default(""),
  }),
]);

export const broadcastAudienceSchema = z.object({
  tags: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
  tagMatch: z.enum(["any", "all"]).default("any"),
  attributes: z
    .array(z.object({ key: z.string().trim().min(1).max(64), value: z.string().trim().max(256) }))
    .max(10)
    .default([]),
});

export type BroadcastAudienceInput = z.input<typeof broadcastAudienceSchema>;

export const createBroadcastSchema = z.object({
  name: z.string().trim().min(1, "Give the broadcast a name.").max(120),
  /** The number to send from; may be left out when the workspace has one. */
  channelId: z.uuid().optional(),
  template: z.object({
    name: z.string().trim().min(1).max(512),
    language: z.string().trim().min(2).max(15),
  }),
  /** Per template variable (`body.1`, `body.first_name`, `header.1`): where its value comes from. */
  parameters: z.record(z.string().max(80), broadcastParameterSchema).default({}),
  audience: broadcastAudienceSchema.default({ tags: [], tagMatch: "any", attributes: [] }),
  /** When to start; left out, it starts at once. */
  scheduledAt: z.iso.datetime({ offset: true }).nullish(),
});

export type CreateBroadcastInput = z.input<typeof createBroadcastSchema>;

export const broadcastIdSchema = z.object({ id: z.uuid() });

export const previewAudienceSchema = z.object({ audience: broadcastAudienceSchema });
