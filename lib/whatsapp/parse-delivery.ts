import type { z } from "zod";
import {
  accountUpdateSchema,
  type Contact,
  changeSchema,
  coexistenceValueSchema,
  contactSchema,
  entrySchema,
  type HistoryChunk,
  historyChunkSchema,
  type InboundMessage,
  inboundMessageSchema,
  type MessageEcho,
  messageEchoSchema,
  messagesValueSchema,
  type StateSync,
  type Status,
  stateSyncSchema,
  statusSchema,
  type UserPreference,
  userPreferenceSchema,
  userPreferencesValueSchema,
} from "./webhook-schema";

export type Problem = { path: string; message: string };

export type MessagesChange = {
  kind: "messages";
  path: string;
  wabaId: string | null;
  phoneNumberId: string;
  contacts: Contact[];
  /** Each readable message with its place in `value.messages`, for reporting it if it is refused. */
  messages: { message: InboundMessage; raw: Record<string, unknown>; index: number }[];
  statuses: { status: Status; index: number }[];
  raw: unknown;
  problems: Problem[];
};

export type AccountChange = {
  kind: "account";
  path: string;
  field: string;
  wabaId: string | null;
  event: string | null;
  raw: unknown;
  problems: Problem[];
};

export type PreferencesChange = {
  kind: "preferences";
  path: string;
  wabaId: string | null;
  phoneNumberId: string | null;
  preferences: UserPreference[];
  raw: unknown;
  problems: Problem[];
};

export const COEXISTENCE_FIELDS = ["smb_message_echoes", "smb_app_state_sync", "history"] as const;
export type CoexistenceField = (typeof COEXISTENCE_FIELDS)[number];

/** A Coexistence change: the owner's own messages, address book or chat history. */
export type CoexistenceChange = {
  kind: "coexistence";
  path: string;
  field: CoexistenceField;
  wabaId: string | null;
  phoneNumberId: string;
  echoes: { echo: MessageEcho; raw: Record<string, unknown>; index: number }[];
  addressBook: StateSync[];
  history: { chunk: HistoryChunk; index: number }[];
  raw: unknown;
  problems: Problem[];
};

export type UnreadableChange = {
  kind: "unreadable";
  path: string;
  raw: unknown;
  problems: Problem[];
};

export type ParsedChange =
  | MessagesChange
  | AccountChange
  | PreferencesChange
  | CoexistenceChange
  | UnreadableChange;

function issue(path: string, error: z.ZodError): Problem {
  const first = error.issues[0];
  const where = first?.path.length ? `.${first.path.join(".")}` : "";
  return { path: `${path}${where}`, message: first?.message ?? "invalid" };
}

// Each item is read on its own: one that does not fit is reported and skipped, never the rest.
function readItems<T>(
  items: unknown[] | undefined,
  schema: z.ZodType<T>,
  path: string,
  problems: Problem[],
) {
  const ok: { value: T; raw: unknown; index: number }[] = [];
  (items ?? []).forEach((raw, i) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) ok.push({ value: parsed.data, raw, index: i });
    else problems.push(issue(`${path}[${i}]`, parsed.error));
  });
  return ok;
}

function readMessagesChange(
  value: unknown,
  wabaId: string | null,
  path: string,
  raw: unknown,
): ParsedChange {
  const parsed = messagesValueSchema.safeParse(value);
  if (!parsed.success)
    return { kind: "unreadable", path, raw, problems: [issue(`${path}.value`, parsed.error)] };
  const problems: Problem[] = [];
  const v = parsed.data;
  return {
    kind: "messages",
    path,
    wabaId,
    phoneNumberId: v.metadata.phone_number_id,
    contacts: readItems(v.contacts, contactSchema, `${path}.value.contacts`, problems).map(
      (c) => c.value,
    ),
    messages: readItems(v.messages, inboundMessageSchema, `${path}.value.messages`, problems).map(
      (m) => ({
        message: m.value,
        raw: m.raw as Record<string, unknown>,
        index: m.index,
      }),
    ),
    statuses: readItems(v.statuses, statusSchema, `${path}.value.statuses`, problems).map((s) => ({
      status: s.value,
      index: s.index,
    })),
    raw,
    problems,
  };
}

function readPreferencesChange(
  value: unknown,
  wabaId: string | null,
  path: string,
  raw: unknown,
): ParsedChange {
  const parsed = userPreferencesValueSchema.safeParse(value);
  if (!parsed.success)
    return { kind: "unreadable", path, raw, problems: [issue(`${path}.value`, parsed.error)] };
  const problems: Problem[] = [];
  const preferences = readItems(
    parsed.data.user_preferences,
    userPreferenceSchema,
    `${path}.value.user_preferences`,
    problems,
  ).map((p) => p.value);
  return {
    kind: "preferences",
    path,
    wabaId,
    phoneNumberId: parsed.data.metadata?.phone_number_id ?? null,
    preferences,
    raw,
    problems,
  };
}

function readCoexistenceChange(
  field: CoexistenceField,
  value: unknown,
  wabaId: string | null,
  path: string,
  raw: unknown,
): ParsedChange {
  const parsed = coexistenceValueSchema.safeParse(value);
  if (!parsed.success)
    return { kind: "unreadable", path, raw, problems: [issue(`${path}.value`, parsed.error)] };
  const problems: Problem[] = [];
  const v = parsed.data;
  return {
    kind: "coexistence",
    path,
    field,
    wabaId,
    phoneNumberId: v.metadata.phone_number_id,
    echoes: readItems(
      v.message_echoes,
      messageEchoSchema,
      `${path}.value.message_echoes`,
      problems,
    ).map((e) => ({ echo: e.value, raw: e.raw as Record<string, unknown>, index: e.index })),
    addressBook: readItems(v.state_sync, stateSyncSchema, `${path}.value.state_sync`, problems).map(
      (c) => c.value,
    ),
    history: readItems(v.history, historyChunkSchema, `${path}.value.history`, problems).map(
      (h) => ({ chunk: h.value, index: h.index }),
    ),
    raw,
    problems,
  };
}

const isCoexistenceField = (field: string): field is CoexistenceField =>
  (COEXISTENCE_FIELDS as readonly string[]).includes(field);

/** Splits a delivery into its changes; never throws on content, only reports problems. */
export function parseDelivery(entries: unknown[]): ParsedChange[] {
  const changes: ParsedChange[] = [];
  entries.forEach((rawEntry, e) => {
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) {
      changes.push({
        kind: "unreadable",
        path: `entry[${e}]`,
        // Wrapped, so that even a null entry is kept as a JSON value for diagnosis.
        raw: { entry: rawEntry },
        problems: [issue(`entry[${e}]`, entry.error)],
      });
      return;
    }
    const entryId = entry.data.id === undefined ? null : String(entry.data.id);
    entry.data.changes.forEach((rawChange, c) => {
      const path = `entry[${e}].changes[${c}]`;
      const raw = { entryId, change: rawChange };
      const change = changeSchema.safeParse(rawChange);
      if (!change.success) {
        changes.push({ kind: "unreadable", path, raw, problems: [issue(path, change.error)] });
        return;
      }
      const { field, value } = change.data;
      if (field === "messages") {
        changes.push(readMessagesChange(value, entryId, path, raw));
        return;
      }
      if (isCoexistenceField(field)) {
        changes.push(readCoexistenceChange(field, value, entryId, path, raw));
        return;
      }
      if (field === "user_preferences") {
        changes.push(readPreferencesChange(value, entryId, path, raw));
        return;
      }
      // Account-level fields carry no phone number; PARTNER_* events name the customer's WABA in
      // waba_info (entry.id may be the partner's business), the others use entry.id.
      const account = accountUpdateSchema.safeParse(value);
      const wabaId = (account.success ? account.data.waba_info?.waba_id : undefined) ?? entryId;
      changes.push({
        kind: "account",
        path,
        field,
        wabaId,
        event: account.success ? account.data.event : null,
        raw,
        problems: [],
      });
    });
  });
  return changes;
}
