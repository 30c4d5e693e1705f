import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { faqs } from "./bot";
import { channels } from "./channels";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

export const conversationStatusEnum = pgEnum("conversation_status", ["bot", "human", "closed"]);
export const directionEnum = pgEnum("message_direction", ["inbound", "outbound"]);
// Declaration order is the delivery order: PostgreSQL compares enum values by it, which makes
// status updates monotonic with one `status < new` check, and `failed` terminal.
export const messageStatusEnum = pgEnum("message_status", [
  "received",
  "pending",
  "sent",
  "delivered",
  "read",
  "played",
  "failed",
]);
export const messageSourceEnum = pgEnum("message_source", ["faq", "ai", "human", "system"]);
export const replyStateEnum = pgEnum("reply_state", ["pending", "handled", "skipped", "failed"]);
// Why a conversation waits for a person; shown in the inbox and counted in analytics.
// A customer's consent to marketing messages (templates of the marketing category), distinct from
// `opted_out`, which stops every message from the bot. Null: never asked.
export const marketingOptInEnum = pgEnum("marketing_opt_in", ["opted_in", "opted_out"]);
export const handoffReasonEnum = pgEnum("handoff_reason", [
  "requested",
  "reply_failed",
  "rate_limited",
  "window_closed",
  "outside_hours",
  "channel_unavailable",
  "unanswered",
  "order",
]);
// How urgent the team considers a conversation. Declaration order is the sort order: PostgreSQL
// compares enum values by it, so "priority first" is one `order by priority desc`.
export const conversationPriorityEnum = pgEnum("conversation_priority", [
  "none",
  "low",
  "medium",
  "high",
  "urgent",
]);

// A customer. WhatsApp may give a phone (wa_id), a business-scoped user id, or both.
export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    waId: text("wa_id"),
    businessScopedUserId: text("business_scoped_user_id"),
    name: text("name"),
    username: text("username"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    marketingOptIn: marketingOptInEnum("marketing_opt_in"),
    // Where the consent (or its withdrawal) was given: an import's or form's own words, "whatsapp"
    // when the customer changed it inside WhatsApp, "api".
    marketingOptInSource: text("marketing_opt_in_source"),
    marketingOptInAt: at("marketing_opt_in_at"),
    optedOut: boolean("opted_out").notNull().default(false),
    optedOutAt: at("opted_out_at"),
    welcomedAt: at("welcomed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.workspaceId, t.waId),
    unique().on(t.workspaceId, t.businessScopedUserId),
    check("contacts_identity", sql`${t.waId} is not null or ${t.businessScopedUserId} is not null`),
    // Inbox search by name words and phone prefix; the expression must match the inbox query's.
    index("contacts_search_idx").using(
      "gin",
      sql`to_tsvector('simple', coalesce(${t.name}, '') || ' ' || coalesce(${t.waId}, ''))`,
    ),
    // The contacts page filters by tag.
    index("contacts_tags_idx").using("gin", t.tags),
    // Analytics: opt-outs of a time range.
    index("contacts_opted_out_idx").on(t.workspaceId, t.optedOutAt).where(sql`${t.optedOut}`),
  ],
);

// One thread per contact and channel, as on WhatsApp; closed threads reopen on a new message.
export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: conversationStatusEnum("status").notNull().default("bot"),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    needsHuman: boolean("needs_human").notNull().default(false),
    handoffReason: handoffReasonEnum("handoff_reason"),
    handoffAt: at("handoff_at"),
    // The bot's run that holds the conversation (its inbound message) and until when: runs of one
    // conversation decide and send one at a time even when a job system interleaves their steps.
    replyLeaseMessageId: uuid("reply_lease_message_id"),
    replyLeaseUntil: at("reply_lease_until"),
    // Notices the bot sends at most once per period: the away message until the next opening,
    // the note about unreadable message types and the rate-limit notice once a day.
    awayNoticeUntil: at("away_notice_until"),
    unsupportedNoticeAt: at("unsupported_notice_at"),
    rateLimitNoticeAt: at("rate_limit_notice_at"),
    lastInboundAt: at("last_inbound_at"),
    lastMessageAt: at("last_message_at").notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview"),
    unreadCount: integer("unread_count").notNull().default(0),
    // When a person last opened it (marked it read), and when its assignee was last reminded by
    // e-mail of messages nobody opened: a message after both, older than the workspace's delay,
    // is reminded of once.
    readAt: at("read_at"),
    remindedAt: at("reminded_at"),
    priority: conversationPriorityEnum("priority").notNull().default("none"),
    // Out of the working tabs until then; the customer's next message, or the time passing, brings
    // it back (the list compares with the clock, and a poller clears it and records the wake-up).
    snoozedUntil: at("snoozed_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.channelId, t.contactId),
    // The poller that wakes snoozed conversations reads only those.
    index("conversations_snoozed_idx").on(t.snoozedUntil).where(sql`${t.snoozedUntil} is not null`),
    index().on(t.workspaceId, t.lastMessageAt, t.id),
    index().on(t.workspaceId, t.status, t.lastMessageAt, t.id),
    index().on(t.contactId),
    // The inbox tabs other than "closed" list open conversations only; each gets an index in list
    // order so its first page and every later one read just the rows shown.
    index("conversations_inbox_open_idx")
      .on(t.workspaceId, t.lastMessageAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    index("conversations_inbox_needs_human_idx")
      .on(t.workspaceId, t.lastMessageAt, t.id)
      .where(sql`${t.needsHuman} and ${t.status} <> 'closed'`),
    index("conversations_inbox_unread_idx")
      .on(t.workspaceId, t.lastMessageAt, t.id)
      .where(sql`${t.unreadCount} > 0 and ${t.status} <> 'closed'`),
    index("conversations_inbox_assignee_idx")
      .on(t.workspaceId, t.assigneeId, t.lastMessageAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    // Analytics: conversations started in a time range.
    index().on(t.workspaceId, t.createdAt),
  ],
);

/**
 * The part of a message's text that inbox search indexes: 65,536 characters, WhatsApp's own limit
 * for one message, and short enough that its tsvector stays well under PostgreSQL's 1 MB cap
 * whatever the words. The index and the search query must both use this very expression.
 */
export const searchableText = (text: AnyPgColumn) => sql`left(${text}, 65536)`;

export type MessageMedia = {
  id?: string;
  mimeType?: string;
  sha256?: string;
  filename?: string;
  caption?: string;
  voice?: boolean;
};

export type UsedPassage = {
  passageId: string;
  sourceId: string;
  title: string;
  heading: string | null;
  pageUrl: string | null;
  excerpt: string;
};

export const messages = pgTable(
  "messages",
  {
    id: id(),
    // Arrival order. WhatsApp timestamps have one-second resolution, so messages of the same second
    // are ordered by this.
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    direction: directionEnum("direction").notNull(),
    waMessageId: text("wa_message_id"),
    contextWaMessageId: text("context_wa_message_id"),
    type: text("type").notNull(),
    text: text("text"),
    media: jsonb("media").$type<MessageMedia>(),
    // Inbound voice notes and audio: the words as the transcription model heard them, the model,
    // how many seconds of audio it was sent and the estimated cost (the provider is paid whether
    // or not a reply goes out). Null when the audio was not transcribed.
    transcript: text("transcript"),
    transcriptionModel: text("transcription_model"),
    transcriptionSeconds: integer("transcription_seconds"),
    transcriptionCostMicros: integer("transcription_cost_micros"),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    status: messageStatusEnum("status").notNull(),
    errorCode: integer("error_code"),
    errorDetails: text("error_details"),
    source: messageSourceEnum("source"),
    faqId: uuid("faq_id").references(() => faqs.id, { onDelete: "set null" }),
    aiModel: text("ai_model"),
    promptTokens: integer("prompt_tokens"),
    completionTokens: integer("completion_tokens"),
    costMicros: integer("cost_micros"),
    latencyMs: integer("latency_ms"),
    // AI answers: the knowledge passages the model was shown, as they were then (a re-synced or
    // deleted source does not change what an answer was based on).
    knowledge: jsonb("knowledge").$type<UsedPassage[]>(),
    // Inbound: how the bot's run for the message ended (pending until it has).
    replyState: replyStateEnum("reply_state"),
    // Outbound: a person's reply queued in the inbox, pending until WhatsApp has it, then handled
    // or failed. Bot replies have none.
    queueState: replyStateEnum("queue_state"),
    // Outbound replies: the inbound message answered, and a key (message id and part) that makes
    // each reply a single row however often its job runs. `replyKind` is what the bot sent:
    // "answer" or "fallback" for the answer, else the notice ("welcome", "away", "opt_out", …).
    replyKind: text("reply_kind"),
    replyToId: uuid("reply_to_id").references((): AnyPgColumn => messages.id, {
      onDelete: "set null",
    }),
    replyKey: text("reply_key").unique(),
    sentBy: text("sent_by").references(() => users.id, { onDelete: "set null" }),
    // Outbound: written on the owner's phone in the WhatsApp Business app (a Coexistence echo, or
    // a business message of the imported history), not through Parley.
    fromBusinessApp: boolean("from_business_app").notNull().default(false),
    // Came with the WhatsApp Business app's chat history (Coexistence sync): kept as it was then,
    // never answered or alerted on.
    imported: boolean("imported").notNull().default(false),
    // Outbound sends: committed before the Graph call, so a crash mid-send leaves a row known to be
    // in doubt (reconciled by the status webhook that carries its id) rather than one resent blindly.
    sendingAt: at("sending_at"),
    sendAttempts: integer("send_attempts").notNull().default(0),
    statusAt: at("status_at"),
    // Outbound: Meta's `pricing` from the status webhooks, kept as first received (it comes on
    // `sent` and again on delivered or read). `pricingBillable` is Meta's own flag; the price
    // type says whether the message is charged ("regular") or free. `pricingCountry` is the
    // recipient's country (ISO 3166 code, from their phone number), which sets the rate.
    pricingCategory: text("pricing_category"),
    pricingType: text("pricing_type"),
    pricingBillable: boolean("pricing_billable"),
    pricingModel: text("pricing_model"),
    pricingCountry: text("pricing_country"),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.channelId, t.waMessageId),
    index().on(t.conversationId, t.createdAt, t.seq),
    index("messages_reply_pending_idx").on(t.createdAt).where(sql`${t.replyState} = 'pending'`),
    index("messages_queue_pending_idx").on(t.createdAt).where(sql`${t.queueState} = 'pending'`),
    // Inbox search by words: the 'simple' configuration lowercases without stemming, so any
    // language matches and a word prefix (`refun:*`) finds "refund". Only a bounded prefix is
    // indexed: PostgreSQL refuses a tsvector over 1 MB, and a customer's long text must still be
    // stored. The inbox query uses the same expression (`searchableText`), so the index serves it.
    index("messages_text_search_idx").using(
      "gin",
      sql`to_tsvector('simple', ${searchableText(t.text)})`,
    ),
    // A workspace's messages by time: the overview, rate limits and analytics. The columns after
    // created_at are carried for the figures (index-only scans of message counts, active
    // contacts, reply sources and busiest hours), not searched. `status` is left out on purpose:
    // delivery statuses change up to three times per message, and an indexed column would stop
    // those updates from being heap-only; the delivery figures read it from the table.
    index("messages_analytics_idx").on(
      t.workspaceId,
      t.createdAt,
      t.direction,
      t.source,
      t.conversationId,
      t.seq,
      t.id,
    ),
    // The bot's answers (FAQ, AI and the fallback) and the question each answers.
    index("messages_analytics_answers_idx")
      .on(t.workspaceId, t.createdAt, t.source, t.replyToId)
      .where(sql`${t.direction} = 'outbound' and ${t.replyKind} in ('answer', 'fallback')`),
    // Transcription usage and cost.
    index("messages_analytics_transcription_idx")
      .on(t.workspaceId, t.createdAt, t.transcriptionSeconds, t.transcriptionCostMicros)
      .where(sql`${t.transcriptionModel} is not null`),
    // AI usage and cost.
    index("messages_analytics_ai_idx")
      .on(
        t.workspaceId,
        t.createdAt,
        t.aiModel,
        t.promptTokens,
        t.completionTokens,
        t.costMicros,
        t.conversationId,
      )
      .where(sql`${t.source} = 'ai'`),
  ],
);

// Every hand-off to a person, with how the escalation contact was told.
export const escalations = pgTable(
  "escalations",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    reason: handoffReasonEnum("reason").notNull(),
    // Set when WhatsApp reported the alert delivered (status webhook), not when it was accepted.
    whatsappNotifiedAt: at("whatsapp_notified_at"),
    emailNotifiedAt: at("email_notified_at"),
    notifyError: text("notify_error"),
    // The WhatsApp alert to the escalation contact: its id and the latest status Meta reported.
    alertWaMessageId: text("alert_wa_message_id"),
    alertStatus: text("alert_status"),
    alertStatusAt: at("alert_status_at"),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.messageId, t.reason), index().on(t.workspaceId, t.createdAt)],
);

export const conversationEventKindEnum = pgEnum("conversation_event_kind", [
  "note",
  "took_over",
  "handed_back",
  "assigned",
  "unassigned",
  "closed",
  "reopened",
  // The customer's own STOP and START, kept as they happen so analytics counts each one.
  "opted_out",
  "opted_in",
  // Labels, snooze and priority; the body holds the label's name, the time or the priority.
  "labeled",
  "unlabeled",
  "snoozed",
  "unsnoozed",
  "prioritized",
  // The customer's rating of a closed conversation (body: the score), and a request not sent
  // (body: why, e.g. "window_closed").
  "rated",
  "rating_not_sent",
]);

// What the team did in a conversation, shown in its thread among the messages: internal notes
// (never sent to the customer) and who took over, handed back, assigned, closed or reopened it.
export const conversationEvents = pgTable(
  "conversation_events",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    kind: conversationEventKindEnum("kind").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The note's text; for assignments, the assignee's id. */
    body: text("body"),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.conversationId, t.createdAt),
    // Analytics: take-overs in a time range.
    index().on(t.workspaceId, t.kind, t.createdAt),
  ],
);
