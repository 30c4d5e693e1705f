import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./columns";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

// The built-in sandbox's own state: what Meta would hold, keyed by phone number id. Not tenant
// data (no workspace owns Meta's side), and unused when the sandbox is off.
export const sandboxMessages = pgTable(
  "sandbox_messages",
  {
    id: id(),
    phoneNumberId: text("phone_number_id").notNull(),
    customer: text("customer").notNull(),
    direction: text("direction", { enum: ["to_customer", "from_customer"] }).notNull(),
    wamid: text("wamid").notNull().unique(),
    type: text("type").notNull(),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["sent", "delivered", "read", "failed"] }).notNull(),
    errorCode: integer("error_code"),
    createdAt: createdAt(),
    statusAt: at("status_at").default(sql`now()`),
  },
  (t) => [index().on(t.phoneNumberId, t.customer, t.createdAt)],
);

export const sandboxMedia = pgTable("sandbox_media", {
  id: text("id").primaryKey(),
  phoneNumberId: text("phone_number_id").notNull(),
  mimeType: text("mime_type").notNull(),
  sha256: text("sha256").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: createdAt(),
});

// Numbers created by the simulated Embedded Signup: what Meta holds before (and besides) any
// workspace connecting them. The emulator accepts their tokens as Meta accepts a business token.
export const sandboxAccounts = pgTable("sandbox_accounts", {
  phoneNumberId: text("phone_number_id").primaryKey(),
  wabaId: text("waba_id").notNull(),
  businessId: text("business_id").notNull(),
  displayPhoneNumber: text("display_phone_number").notNull(),
  verifiedName: text("verified_name").notNull(),
  accessTokenEncrypted: text("access_token_encrypted").notNull(),
  registeredAt: at("registered_at"),
  subscribedAt: at("subscribed_at"),
  // Onboarded from the WhatsApp Business app (Coexistence): when, whether the owner agreed to
  // share the chat history, and when each one-time sync (smb_app_data) was asked for.
  businessAppAt: at("business_app_at"),
  historyShared: boolean("history_shared").notNull().default(false),
  contactsSyncedAt: at("contacts_synced_at"),
  historySyncedAt: at("history_synced_at"),
  createdAt: createdAt(),
});

// Templates submitted through the emulated template API, per WABA, beside the fixed ones every
// sandbox WABA has (lib/sandbox/templates.ts). Meta reviews a template before it can be sent; the
// emulator approves it once `review_at` has passed.
export const sandboxTemplates = pgTable(
  "sandbox_templates",
  {
    id: text("id").primaryKey(),
    wabaId: text("waba_id").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category").notNull(),
    status: text("status", { enum: ["PENDING", "APPROVED", "REJECTED"] }).notNull(),
    components: jsonb("components").$type<Record<string, unknown>[]>().notNull(),
    /** Meta's rejection code when the emulated review rejected it. */
    rejectedReason: text("rejected_reason"),
    reviewAt: at("review_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.wabaId, t.name, t.language)],
);
