import type { Db } from "@/db";
import {
  countQueuedSends,
  findMessageContact,
  listSendingChannels,
} from "@/db/queries/start-message";
import { upsertContactByIdentity, upsertConversationForMessage } from "@/db/queries/webhooks";
import { PERSON_REPLY_THROTTLE } from "@/inngest/flow-control";
import type { ActionResult } from "@/lib/auth/workspace";
import { callingCodeOf, normalizePhone } from "@/lib/contacts/phone";
import {
  findSendableTemplate,
  type Queued,
  queueAndDispatch,
  templateReply,
} from "@/lib/inbox/queue-reply";
import { type TemplateParameters, valuesFromParameters } from "@/lib/whatsapp/templates";

/** Messages one number may have waiting to be sent; past it, a new one is refused for a while. */
export const MAX_QUEUED_PER_NUMBER = 1_000;

export type MessageRecipient = { contactId: string } | { phone: string };

export type MessageContent =
  | { kind: "text"; text: string }
  | { kind: "template"; name: string; language: string; parameters?: TemplateParameters };

export type MessageSender = {
  db: Db;
  workspaceId: string;
  /** The member sending (the conversation becomes theirs); null through the API. */
  userId: string | null;
  /** Chosen once per message by the caller: the same id queues one message. */
  clientId: string;
};

export type StartedMessage = Queued & { contactId: string };

/** A refusal, with how long to wait when the number's queue is full. */
export type StartRefusal = Extract<ActionResult<never>, { ok: false }> & {
  retryAfterSeconds?: number;
};

const refuse = (
  code: string,
  message: string,
  extra: Partial<StartRefusal> = {},
): StartRefusal => ({
  ok: false,
  code,
  message,
  ...extra,
});

export const NO_NUMBER =
  "The workspace has no connected WhatsApp number, so nothing can be sent. Connect or re-authorize one on the WhatsApp page.";

/**
 * The number a message to the contact goes from: the connected number the customer last talked
 * to, else the workspace's first connected number; null when none is connected.
 */
export async function chooseSendingChannel(
  db: Db,
  p: { workspaceId: string; contactId: string | null },
) {
  const channels = await listSendingChannels(db, p);
  const withConversation = channels
    .filter((c) => c.conversationId)
    .sort((a, b) => (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0));
  return withConversation[0] ?? channels[0] ?? null;
}

export const API_WINDOW_CLOSED =
  'The customer has not written in the last 24 hours, so WhatsApp only allows an approved template: send {"template": {"name", "language", "parameters"}} instead of text.';

/**
 * A message the business sends first or in an existing conversation, to a contact or a phone
 * number: a text only inside the customer's 24-hour window, or one of the number's approved
 * templates with every parameter filled. A customer who sent STOP is refused. A contact and
 * conversation are created for a new phone when a template goes out. The message then takes the
 * inbox's send path: stored pending, sent once by the paced job, `message.sent` when WhatsApp has
 * it.
 */
export async function startMessage(
  sender: MessageSender,
  to: MessageRecipient,
  content: MessageContent,
  options: { windowClosed?: string } = {},
): Promise<{ ok: true; data: StartedMessage } | StartRefusal> {
  const { db, workspaceId } = sender;
  let contact: Awaited<ReturnType<typeof findMessageContact>> = null;
  let waId: string | null = null;
  if ("contactId" in to) {
    contact = await findMessageContact(db, { workspaceId, id: to.contactId });
    if (!contact) return refuse("not_found", "This workspace has no contact with this id.");
  }
  if ("phone" in to) {
    // A number without its country code is read in the country of the business's number.
    const [first] = await listSendingChannels(db, { workspaceId, contactId: null });
    const phone = normalizePhone(to.phone, callingCodeOf(first?.displayPhoneNumber));
    if (!phone.ok) return refuse("invalid_phone", `The ${phone.message}.`);
    waId = phone.waId;
    contact = await findMessageContact(db, { workspaceId, waId });
  }
  if (contact?.optedOut) {
    return refuse(
      "opted_out",
      "This customer sent STOP and opted out of messages from the business. They can be written to again once they send START.",
    );
  }
  const channel = await chooseSendingChannel(db, { workspaceId, contactId: contact?.id ?? null });
  if (!channel) return refuse("number_unavailable", NO_NUMBER);
  const queued = await countQueuedSends(db, {
    channelId: channel.id,
    cap: MAX_QUEUED_PER_NUMBER,
  });
  if (queued >= MAX_QUEUED_PER_NUMBER) {
    const seconds = Math.ceil(queued / PERSON_REPLY_THROTTLE.limit);
    return refuse(
      "queue_full",
      `${queued} messages are waiting to be sent from this number, as fast as WhatsApp allows. Try again in ${seconds} seconds.`,
      { retryAfterSeconds: seconds },
    );
  }

  let reply: ReturnType<typeof templateReply> | { type: "text"; text: string; payload: null };
  if (content.kind === "template") {
    const found = await findSendableTemplate(workspaceId, channel.id, content);
    if (!found.ok) return found;
    const values = valuesFromParameters(found.data, content.parameters);
    if (!values.ok) {
      return refuse("invalid_template_parameters", values.message, {
        fieldErrors: { values: values.message },
      });
    }
    reply = templateReply(found.data, values.values);
  } else {
    // Nothing to create for a customer who never wrote: the window is closed.
    if (!contact || !channel.conversationId) {
      return refuse("window_closed", options.windowClosed ?? API_WINDOW_CLOSED);
    }
    reply = { type: "text", text: content.text, payload: null };
  }

  const contactId =
    contact?.id ??
    (await upsertContactByIdentity(db, { workspaceId, waId, userId: null, name: null }));
  const conversationId =
    channel.conversationId ??
    (await upsertConversationForMessage(db, {
      workspaceId,
      channelId: channel.id,
      contactId,
      at: new Date(),
    }));
  const result = await queueAndDispatch(
    db,
    {
      workspaceId,
      conversationId,
      userId: sender.userId,
      clientId: sender.clientId,
      takeOver: sender.userId !== null,
      refuseOptedOut: true,
      ...reply,
    },
    { windowClosed: options.windowClosed ?? API_WINDOW_CLOSED },
  );
  if (!result.ok) return result;
  return { ok: true, data: { ...result.data, contactId } };
}
