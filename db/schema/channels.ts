import { boolean, index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

/**
 * A Coexistence number's one-time sync of the WhatsApp Business app's contacts and chat history:
 * requested once (Meta allows it within 24 hours of the signup), then filled in by the
 * `smb_app_state_sync` and `history` webhooks as they arrive.
 */
export type AppSync = {
  requestedAt: string | null;
  contacts: { status: "requested" | "failed"; error?: string; received: number };
  history: {
    status: "requested" | "receiving" | "done" | "declined" | "failed";
    error?: string;
    /** Meta's overall progress, 0 to 100 (100: every phase is in). */
    progress: number;
    messages: number;
  };
};

export const channelStatusEnum = pgEnum("channel_status", [
  "pending",
  "connected",
  "needs_reauth",
  "disconnected",
]);

// A WhatsApp business phone number connected to a workspace. Secrets are AES-GCM envelopes.
export const channels = pgTable(
  "channels",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    wabaId: text("waba_id"),
    phoneNumberId: text("phone_number_id").notNull().unique(),
    displayPhoneNumber: text("display_phone_number"),
    verifiedName: text("verified_name"),
    qualityRating: text("quality_rating"),
    accessTokenEncrypted: text("access_token_encrypted"),
    tokenExpiresAt: at("token_expires_at"),
    verifyTokenEncrypted: text("verify_token_encrypted"),
    verifyTokenHash: text("verify_token_hash"),
    registrationPinEncrypted: text("registration_pin_encrypted"),
    status: channelStatusEnum("status").notNull().default("pending"),
    statusReason: text("status_reason"),
    connectedAt: at("connected_at"),
    disconnectedAt: at("disconnected_at"),
    // When the business accepted Meta's Marketing Messages terms (the MM_LITE_TERMS_SIGNED
    // account update): its marketing templates then go through the marketing_messages endpoint.
    marketingMessagesAt: at("marketing_messages_at"),
    // Coexistence: the number stays in the WhatsApp Business app on the owner's phone (Embedded
    // Signup's Business-app onboarding). Meta limits its throughput to 20 messages a second.
    coexistence: boolean("coexistence").notNull().default(false),
    appSync: jsonb("app_sync").$type<AppSync>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.workspaceId), index().on(t.wabaId), index().on(t.verifyTokenHash)],
);
