import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { channels } from "./channels";
import { at, createdAt, id, updatedAt } from "./columns";
import { workspaces } from "./workspaces";

export type SignupStepName = "exchange" | "token" | "subscribe" | "register" | "details" | "sync";
export type SignupStepState = {
  status: "ok" | "failed" | "skipped";
  /** For a person: what went wrong and what to do. Never holds a secret. */
  message?: string;
  code?: number;
  at: string;
};
export type SignupSteps = Partial<Record<SignupStepName, SignupStepState>>;

// One attempt to connect a number (Embedded Signup, manual connect or re-authorization). Each
// step's outcome is kept, so a failed step can be run again alone with the stored token.
export const signupSessions = pgTable(
  "signup_sessions",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    flow: text("flow", { enum: ["embedded", "manual"] }).notNull(),
    event: text("event"),
    wabaId: text("waba_id"),
    phoneNumberId: text("phone_number_id"),
    businessId: text("business_id"),
    accessTokenEncrypted: text("access_token_encrypted"),
    tokenExpiresAt: at("token_expires_at"),
    registrationPinEncrypted: text("registration_pin_encrypted"),
    steps: jsonb("steps").$type<SignupSteps>().notNull().default({}),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    completedAt: at("completed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
);
