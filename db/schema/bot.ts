import { boolean, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import type { SystemMessageOverrides } from "@/lib/bot/system-messages";
import type { OutsideHoursMode } from "@/lib/validations/bot-settings";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

export type BusinessHours = {
  // ISO weekday 1 (Monday) to 7 (Sunday) → list of "HH:MM-HH:MM" ranges in the workspace time zone.
  [weekday: string]: string[];
};

export const DEFAULT_HANDOFF_KEYWORDS = [
  "human",
  "agent",
  "operator",
  "representative",
  "real person",
  "talk to a person",
  "speak to a person",
  "speak to someone",
  "talk to someone",
];

export const botSettings = pgTable("bot_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(true),
  aiEnabled: boolean("ai_enabled").notNull().default(true),
  aiProvider: text("ai_provider"),
  aiModel: text("ai_model"),
  aiBaseUrl: text("ai_base_url"),
  aiApiKeyEncrypted: text("ai_api_key_encrypted"),
  // Whether the chosen model is sent customers' photos: "auto" decides by the model's name
  // (known vision models), "on" and "off" are the owner's word for their own endpoint or model.
  aiImages: text("ai_images", { enum: ["auto", "on", "off"] })
    .notNull()
    .default("auto"),
  systemPrompt: text("system_prompt"),
  tone: text("tone").notNull().default("friendly"),
  maxReplyLength: integer("max_reply_length").notNull().default(1000),
  welcomeMessage: text("welcome_message"),
  fallbackMessage: text("fallback_message")
    .notNull()
    .default("Sorry, I can't answer that yet. A person will get back to you."),
  timezone: text("timezone").notNull().default("UTC"),
  businessHours: jsonb("business_hours").$type<BusinessHours>(),
  awayMessage: text("away_message"),
  // The language customers get when their own cannot be told ("ok", "hi"); ISO 639-1.
  defaultLanguage: text("default_language").notNull().default("en"),
  // The owner's wording of the bot's own messages per language, over Parley's defaults.
  systemMessages: jsonb("system_messages").$type<SystemMessageOverrides>(),
  aiDisclosure: boolean("ai_disclosure").notNull().default(true),
  outsideHours: text("outside_hours").$type<OutsideHoursMode>().notNull().default("answer"),
  handoffKeywords: text("handoff_keywords").array().notNull().default(DEFAULT_HANDOFF_KEYWORDS),
  maxMessagesPerHour: integer("max_messages_per_hour").notNull().default(1000),
  maxMessagesPerUserPerDay: integer("max_messages_per_user_per_day").notNull().default(50),
  escalationPhone: text("escalation_phone"),
  escalationEmail: text("escalation_email"),
  // The approved utility template that carries staff alerts (free text would need an open window).
  alertTemplateName: text("alert_template_name"),
  alertTemplateLanguage: text("alert_template_language"),
  // After a person closes a conversation, the customer is asked to rate it (three buttons).
  csatEnabled: boolean("csat_enabled").notNull().default(false),
  // The owner's wording of the question; null for Parley's.
  csatQuestion: text("csat_question"),
  updatedAt: updatedAt(),
});

export const faqs = pgTable(
  "faqs",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    keywords: text("keywords").array().notNull().default([]),
    // Other wordings of the question, matched and embedded like the question itself.
    examples: text("examples").array().notNull().default([]),
    priority: integer("priority").notNull().default(0),
    active: boolean("active").notNull().default(true),
    hitCount: integer("hit_count").notNull().default(0),
    lastMatchedAt: at("last_matched_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.workspaceId, t.question), index().on(t.workspaceId, t.active)],
);

// The workspace's answers in the current clock hour and the one before, for its hourly limit: the
// last hour's count is estimated from both (a sliding window), and one guarded upsert of this row
// both checks and counts an answer, so a burst of customers cannot pass the limit together.
export const answerCounters = pgTable("answer_counters", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  hourStart: at("hour_start").notNull(),
  count: integer("count").notNull().default(0),
  previousCount: integer("previous_count").notNull().default(0),
});

// One row per inbound message the bot answers: claiming again for the same message (a job run
// again) finds it and answers as the first time did, without counting twice.
export const answerClaims = pgTable(
  "answer_claims",
  {
    messageId: uuid("message_id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    claimedAt: at("claimed_at").notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.claimedAt)],
);
