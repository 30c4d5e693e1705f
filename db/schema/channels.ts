import { index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.workspaceId), index().on(t.wabaId), index().on(t.verifyTokenHash)],
);
