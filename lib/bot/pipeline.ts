import { markChannelNeedsReauth, markChannelUnregistered } from "@/db/queries/channels";
import * as q from "@/db/queries/replies";
import { acquireReplyLease, releaseReplyLease } from "@/db/queries/reply-lease";
import { setReplyState } from "@/db/queries/webhooks";
import type { Turn } from "@/lib/ai/reply";
import { decryptSecret } from "@/lib/crypto/secrets";
import { log } from "@/lib/log";
import { sendOnce, settleUnconfirmed } from "@/lib/outbound/send-once";
import { type GraphError, isGraphError } from "@/lib/whatsapp/graph-errors";
import { type Composed, composeReply } from "./compose-reply";
import { type Decision, decide, type HandoffReason, type Notice } from "./decide";
import type { ReplyDeps } from "./deps";
import { notifyEscalation } from "./escalate";
import { DEFAULT_LANGUAGE, type Language } from "./languages";
import { localizeNotice as localize } from "./localize-notice";
import { workspaceProviders } from "./workspace-providers";

export type { Composed } from "./compose-reply";

// The reply job's steps. Each is one `step.run` in the job handler, so each result is JSON and
// carries no secret: tokens and keys are decrypted inside the step that uses them.

const HISTORY_TURNS = 10;

export type ReplyTarget = { workspaceId: string; messageId: string };

export type PlanContext = {
  conversationId: string;
  contactId: string;
  channelId: string;
  phoneNumberId: string;
  to: string | null;
  waMessageId: string | null;
  messageSeq: number;
  receivedAt: string;
  workspaceName: string;
  contactName: string | null;
  messageText: string | null;
  /** The customer's language as the decision read it; null outside a plan (failure handling). */
  language: Language | null;
};

export type Plan = { state: "done" } | { state: "plan"; decision: Decision; ctx: PlanContext };

export type Lease = "taken" | "busy" | "done";

/**
 * Takes the conversation for this message's run (see `acquireReplyLease`): "busy" while another
 * run has it or an earlier message still waits, "done" when this message needs nothing more.
 */
export async function takeConversation(
  deps: ReplyDeps,
  t: ReplyTarget & { conversationId: string },
  now = new Date(),
): Promise<Lease> {
  const taken = await acquireReplyLease(deps.db, {
    workspaceId: t.workspaceId,
    conversationId: t.conversationId,
    messageId: t.messageId,
    now,
    // Held through two reconciliation waits, and given up by a run that died.
    ttlMs: 2 * deps.reconcileMs + 120_000,
    reconcileMs: deps.reconcileMs,
  });
  if (taken) return "taken";
  const row = await q.loadReplyContext(deps.db, t);
  return row?.message.replyState === "pending" ? "busy" : "done";
}

/** Loads the message and its surroundings and decides what the bot does, before any answer. */
export async function planReply(
  deps: ReplyDeps,
  t: ReplyTarget,
  now = deps.now?.() ?? new Date(),
): Promise<Plan> {
  const row = await q.loadReplyContext(deps.db, t);
  if (row?.message.replyState !== "pending") return { state: "done" };
  const settings = await q.getBotSettings(deps.db, t.workspaceId);
  // The workspace's hourly limit is decided by the atomic claim below, not by a count read here.
  const counts = {
    workspaceAnswersLastHour: 0,
    contactMessagesLastDay: await q.countContactMessagesUpTo(deps.db, {
      workspaceId: t.workspaceId,
      conversationId: row.conversation.id,
      upToSeq: row.message.seq,
      now,
    }),
  };
  const payload = row.message.payload as { button?: { payload?: unknown } } | null;
  const buttonPayload =
    typeof payload?.button?.payload === "string" ? payload.button.payload : null;
  const input = {
    now,
    message: {
      type: row.message.type,
      text: row.message.text,
      buttonPayload,
      hasCaption: Boolean(row.message.media?.caption),
    },
    conversation: row.conversation,
    contact: { ...row.contact, reachable: row.contact.waId !== null },
    channel: {
      status: row.channel.accessTokenEncrypted ? row.channel.status : "no_token",
    },
    settings: {
      ...settings,
      aiActive: settings.aiEnabled && workspaceProviders(deps, settings).length > 0,
    },
    counts,
  };
  let decision = decide(input);
  if (decision.answer) {
    // One atomic claim decides the hourly limit, so a burst cannot pass it together.
    const claimed = await q.claimAnswer(deps.db, {
      workspaceId: t.workspaceId,
      messageId: t.messageId,
      limit: settings.maxMessagesPerHour,
      now,
    });
    if (!claimed) {
      decision = decide({
        ...input,
        counts: { ...counts, workspaceAnswersLastHour: settings.maxMessagesPerHour },
      });
    }
    if (Math.random() < 0.01)
      await q.pruneAnswerClaims(deps.db, { workspaceId: t.workspaceId, now });
  }
  return { state: "plan", decision, ctx: { ...toContext(row), language: decision.language } };
}

function toContext(row: NonNullable<Awaited<ReturnType<typeof q.loadReplyContext>>>): PlanContext {
  return {
    conversationId: row.conversation.id,
    contactId: row.contact.id,
    channelId: row.channel.id,
    phoneNumberId: row.channel.phoneNumberId,
    to: row.contact.waId,
    waMessageId: row.message.waMessageId,
    messageSeq: row.message.seq,
    receivedAt: row.message.createdAt.toISOString(),
    workspaceName: row.workspaceName,
    contactName: row.contact.name,
    messageText: row.message.text,
    language: null,
  };
}

/** The message's surroundings whatever its reply state (for the failure handler). */
export async function contextOf(deps: ReplyDeps, t: ReplyTarget): Promise<PlanContext | null> {
  const row = await q.loadReplyContext(deps.db, t);
  return row ? toContext(row) : null;
}

export async function applyOptOut(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  optedOut: boolean,
) {
  await q.setContactOptOut(deps.db, {
    workspaceId: t.workspaceId,
    contactId: ctx.contactId,
    conversationId: ctx.conversationId,
    optedOut,
  });
}

/** Flags the conversation and records the escalation; its id when the contact is to be told. */
export async function handOff(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  reason: HandoffReason,
): Promise<string | null> {
  return q.handOff(deps.db, {
    workspaceId: t.workspaceId,
    conversationId: ctx.conversationId,
    messageId: t.messageId,
    reason,
  });
}

async function channelToken(deps: ReplyDeps, t: ReplyTarget, ctx: PlanContext): Promise<string> {
  const channel = await q.getChannelCredentials(deps.db, {
    workspaceId: t.workspaceId,
    channelId: ctx.channelId,
  });
  if (!channel?.accessTokenEncrypted) throw new Error("The channel has no access token");
  return decryptSecret(
    channel.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    t.workspaceId,
  );
}

/** Reacts to a Graph error that retrying cannot fix; returns the hand-off it calls for. */
async function onPermanentGraphError(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  error: GraphError,
): Promise<HandoffReason | null> {
  if (error.kind === "reauth") {
    await markChannelNeedsReauth(deps.db, {
      workspaceId: t.workspaceId,
      channelId: ctx.channelId,
      error,
    });
    return "channel_unavailable";
  }
  if (error.kind === "unregistered") {
    await markChannelUnregistered(deps.db, {
      workspaceId: t.workspaceId,
      channelId: ctx.channelId,
    });
    return "channel_unavailable";
  }
  if (error.kind === "window_closed") return "window_closed";
  if (error.kind === "undeliverable") return null;
  return "reply_failed";
}

/** Marks the customer's message read and shows "typing…"; a failure here never stops the reply. */
export async function markRead(deps: ReplyDeps, t: ReplyTarget, ctx: PlanContext) {
  if (!ctx.waMessageId) return { ok: false };
  try {
    await deps.graph.markRead(ctx.phoneNumberId, await channelToken(deps, t, ctx), {
      messageId: ctx.waMessageId,
      typing: true,
    });
    return { ok: true };
  } catch (error) {
    if (!isGraphError(error)) throw error;
    if (!error.retryable) await onPermanentGraphError(deps, t, ctx, error);
    log.warn({ messageId: t.messageId, err: error }, "Marking the message read failed");
    return { ok: false };
  }
}

/** Claims a once-only notice; false when another run already sent it. */
export async function claimNotice(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  notice: Notice,
) {
  if (!notice.claim) return true;
  const claimed = await q.claimNotice(deps.db, {
    workspaceId: t.workspaceId,
    conversationId: ctx.conversationId,
    contactId: ctx.contactId,
    kind: notice.claim.kind,
    now: deps.now?.() ?? new Date(),
    ...(notice.claim.until && { until: new Date(notice.claim.until) }),
  });
  // An earlier run of this job claimed it and created its row before dying: it is still ours.
  return (
    claimed ||
    q.replyExists(deps.db, { workspaceId: t.workspaceId, replyKey: replyKeyOf(t, notice.kind) })
  );
}

/** A notice's text for the customer: the owner's wording in their language when the AI can. */
export async function localizeNotice(deps: ReplyDeps, t: ReplyTarget, notice: Notice) {
  return localize(deps, t.workspaceId, notice);
}

// One row per message and part. The answer's row is one whatever it became (FAQ, AI, fallback),
// so a run repeated after a crash never sends a second, different answer.
const replyKeyOf = (t: ReplyTarget, kind: string) =>
  `${t.messageId}:${kind === "fallback" ? "answer" : kind}`;

/** The answer for the job: `composeReply` with the conversation's history, counting FAQ hits. */
export async function composeAnswer(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  question: string,
): Promise<Composed> {
  const reply = await composeReply(deps, {
    workspaceId: t.workspaceId,
    workspaceName: ctx.workspaceName,
    question,
    language: ctx.language ?? DEFAULT_LANGUAGE,
    recordHit: true,
    history: async () => {
      const turns = await q.listRecentTurns(deps.db, {
        workspaceId: t.workspaceId,
        conversationId: ctx.conversationId,
        beforeSeq: ctx.messageSeq,
        limit: HISTORY_TURNS,
      });
      return turns.map(
        (turn): Turn => ({
          role: turn.direction === "inbound" ? "customer" : "business",
          text: turn.text ?? "",
        }),
      );
    },
  });
  if (reply.kind === "fallback" && reply.aiFailures.length > 0) {
    log.warn({ messageId: t.messageId, aiFailures: reply.aiFailures }, "AI unavailable");
  }
  // The job's step result keeps its shape: only what sending and the logs use.
  const { text, source, kind, faqId, score, ai, aiFailures } = reply;
  return { text, source, kind, faqId, score, ai, aiFailures };
}

const CONFIRMATIONS = new Set(["opt_out", "opt_in"]);

export type SendOutcome =
  | { state: "sent"; id: string; waMessageId: string }
  | { state: "skipped"; reason: "person_handles" }
  | { state: "failed"; id: string; code: number; handoff: HandoffReason | null };

/**
 * Sends one reply exactly once: its row is created under a fixed key, a row that already has a
 * WhatsApp id is not sent again, and only Graph errors worth retrying make the job retry.
 */
export async function sendReply(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  reply: Omit<
    q.OutboundReply,
    "workspaceId" | "conversationId" | "channelId" | "replyToId" | "replyKey"
  >,
): Promise<SendOutcome> {
  const replyKey = replyKeyOf(t, reply.kind);
  // Checked as late as possible: once a person takes over, the bot's answers still in flight are
  // dropped rather than sent over the person's. Opt-out confirmations are owed whoever answers.
  if (!CONFIRMATIONS.has(reply.kind)) {
    const personHandles = await q.personHandles(deps.db, {
      workspaceId: t.workspaceId,
      conversationId: ctx.conversationId,
    });
    if (personHandles) {
      // A row left by an earlier attempt that never went out goes too, not left "sending"; one
      // whose send is in doubt waits for WhatsApp's word, and is never sent again.
      await q.dropUnsentReply(deps.db, { workspaceId: t.workspaceId, replyKey });
      const left = await q.findUnsentReply(deps.db, { workspaceId: t.workspaceId, replyKey });
      if (left?.sendingAt) {
        await settleUnconfirmed(deps.db, {
          workspaceId: t.workspaceId,
          id: left.id,
          sendingAt: left.sendingAt,
          reconcileMs: deps.reconcileMs,
        });
      }
      return { state: "skipped", reason: "person_handles" };
    }
  }
  const row = await q.prepareOutbound(deps.db, {
    ...reply,
    workspaceId: t.workspaceId,
    conversationId: ctx.conversationId,
    channelId: ctx.channelId,
    replyToId: t.messageId,
    replyKey,
  });
  if (row.waMessageId) return { state: "sent", id: row.id, waMessageId: row.waMessageId };
  if (row.status === "failed") return { state: "failed", id: row.id, code: -1, handoff: null };
  if (!ctx.to) throw new Error("The contact has no phone number to write to");
  const to = ctx.to;
  // Read before the send is claimed: a failure here has sent nothing.
  const token = await channelToken(deps, t, ctx);
  const outcome = await sendOnce(
    deps.db,
    {
      workspaceId: t.workspaceId,
      id: row.id,
      conversationId: ctx.conversationId,
      preview: reply.text,
      latencyMs: Date.now() - new Date(ctx.receivedAt).getTime(),
    },
    async (callbackData) => {
      const [first] = await deps.graph.sendText(ctx.phoneNumberId, token, {
        to,
        body: row.text ?? reply.text,
        bizOpaqueCallbackData: callbackData,
      });
      return first?.wamid;
    },
    { reconcileMs: deps.reconcileMs },
  );
  if (outcome.state === "sent")
    return { state: "sent", id: row.id, waMessageId: outcome.waMessageId };
  if (outcome.state === "done") {
    return outcome.waMessageId
      ? { state: "sent", id: row.id, waMessageId: outcome.waMessageId }
      : { state: "failed", id: row.id, code: -1, handoff: null };
  }
  // Neither attempt was confirmed by WhatsApp: a person checks rather than the bot sending again.
  if (outcome.state === "unconfirmed")
    return { state: "failed", id: row.id, code: -7, handoff: "reply_failed" };
  const { error } = outcome;
  const handoff = await onPermanentGraphError(deps, t, ctx, error);
  return { state: "failed", id: row.id, code: error.code, handoff };
}

/** Tells the escalation contact about a hand-off recorded by `handOff`. */
export async function notify(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  escalationId: string,
  reason: HandoffReason,
) {
  const settings = await q.getBotSettings(deps.db, t.workspaceId);
  const channel = await q.getChannelCredentials(deps.db, {
    workspaceId: t.workspaceId,
    channelId: ctx.channelId,
  });
  return notifyEscalation(deps, {
    id: escalationId,
    workspaceId: t.workspaceId,
    workspaceName: ctx.workspaceName,
    reason,
    customer: { name: ctx.contactName, phone: ctx.to },
    lastMessage: ctx.messageText,
    to: { phone: settings.escalationPhone, email: settings.escalationEmail },
    template:
      settings.alertTemplateName && settings.alertTemplateLanguage
        ? { name: settings.alertTemplateName, language: settings.alertTemplateLanguage }
        : null,
    channel:
      channel?.status === "connected" && channel.accessTokenEncrypted
        ? {
            id: ctx.channelId,
            phoneNumberId: ctx.phoneNumberId,
            token: decryptSecret(
              channel.accessTokenEncrypted,
              deps.keyring,
              "channels.access_token",
              t.workspaceId,
            ),
          }
        : null,
  });
}

export async function releaseConversation(
  deps: ReplyDeps,
  t: ReplyTarget & { conversationId: string },
) {
  await releaseReplyLease(deps.db, t);
}

/** Records how the message ended and gives the conversation to the next run. */
export async function finish(
  deps: ReplyDeps,
  t: ReplyTarget & { conversationId: string },
  state: "handled" | "skipped" | "failed",
) {
  const changed = await setReplyState(deps.db, {
    workspaceId: t.workspaceId,
    messageId: t.messageId,
    from: "pending",
    to: state,
  });
  await releaseReplyLease(deps.db, t);
  return changed;
}
