import { type BotSettingsRow, getBotSettings } from "@/db/queries/bot-settings";
import {
  getChannelCredentials,
  markChannelNeedsReauth,
  markChannelUnregistered,
} from "@/db/queries/channels";
import { recordRating } from "@/db/queries/csat";
import * as outbound from "@/db/queries/messages";
import * as q from "@/db/queries/replies";
import { acquireReplyLease, releaseReplyLease, takeReplyContext } from "@/db/queries/reply-lease";
import type { Turn } from "@/lib/ai/reply";
import { decryptSecret } from "@/lib/crypto/secrets";
import { ratingTapLanguage, readRatingReply } from "@/lib/csat/rating-buttons";
import { requestSummary } from "@/lib/inbox/request-summary";
import { log } from "@/lib/log";
import { sendClaimed, sendOnce, settleUnconfirmed } from "@/lib/outbound/send-once";
import { emitHandedOff, emitOptedOut } from "@/lib/outgoing-webhooks/events";
import { type GraphError, isGraphError } from "@/lib/whatsapp/graph-errors";
import { channelAccessToken, rememberChannelToken } from "./channel-token";
import { type Composed, composeReply } from "./compose-reply";
import { type Decision, decide, type HandoffReason, type Notice } from "./decide";
import type { ReplyDeps } from "./deps";
import { notifyEscalation } from "./escalate";
import { DEFAULT_LANGUAGE, type Language } from "./languages";
import { localizeNotice as localize } from "./localize-notice";
import {
  fetchImage,
  type MediaRead,
  type MediaReading,
  mediaAbility,
  readMedia,
} from "./read-media";
import { recentSettings, rememberSettings } from "./recent-settings";
import { aiAnswers } from "./workspace-providers";

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
  /** Where replies go: the phone, else the business-scoped user id. */
  to: string | null;
  contactPhone: string | null;
  waMessageId: string | null;
  messageSeq: number;
  receivedAt: string;
  workspaceName: string;
  contactName: string | null;
  messageText: string | null;
  /** The customer's language as the decision read it; null outside a plan (failure handling). */
  language: Language | null;
  /** The FAQ's fingerprint as the decision read it, so composing need not read it again. */
  faqVersion: string | null;
  /** The customer sent a photo the workspace's model sees: composing shows it to the model. */
  image?: boolean;
};

export type Plan =
  | { state: "done" }
  | {
      state: "plan";
      decision: Decision;
      ctx: PlanContext;
      /** The customer's file to read (and plan again) before the message can be answered. */
      read?: MediaReading;
    };

export type Lease = "taken" | "busy" | "done";

const leaseOf = (deps: ReplyDeps, t: ReplyTarget & { conversationId: string }, now: Date) => ({
  workspaceId: t.workspaceId,
  conversationId: t.conversationId,
  messageId: t.messageId,
  now,
  // Held through two reconciliation waits, and given up by a run that died.
  ttlMs: 2 * deps.reconcileMs + 120_000,
  reconcileMs: deps.reconcileMs,
});

/**
 * Takes the conversation for this message's run (see `acquireReplyLease`): "busy" while another
 * run has it or an earlier message still waits, "done" when this message needs nothing more.
 */
export async function takeConversation(
  deps: ReplyDeps,
  t: ReplyTarget & { conversationId: string },
  now = new Date(),
): Promise<Lease> {
  const taken = await acquireReplyLease(deps.db, leaseOf(deps, t, now));
  if (taken) return "taken";
  const row = await q.loadReplyContext(deps.db, t);
  return row?.message.replyState === "pending" ? "busy" : "done";
}

/**
 * `takeConversation` and `planReply` in one read: the lease is taken in the statement that loads
 * what the decision needs. The plan comes with "taken" only.
 */
export async function takeAndPlan(
  deps: ReplyDeps,
  t: ReplyTarget & { conversationId: string },
): Promise<{ lease: "busy" | "done" } | { lease: "taken"; plan: Plan }> {
  const now = deps.now?.() ?? new Date();
  const read = await takeReplyContext(deps.db, leaseOf(deps, t, now));
  if (!read?.taken) {
    return { lease: read?.context.message.replyState === "pending" ? "busy" : "done" };
  }
  if (read.context.message.replyState !== "pending")
    return { lease: "taken", plan: { state: "done" } };
  const settings = read.settings ?? (await getBotSettings(deps.db, t.workspaceId));
  const plan = await planFrom(deps, t, now, {
    row: read.context,
    settings,
    contactMessagesLastDay: read.contactMessagesLastDay,
    faqVersion: read.faqVersion,
  });
  return { lease: "taken", plan };
}

/** Loads the message and its surroundings and decides what the bot does, before any answer. */
export async function planReply(
  deps: ReplyDeps,
  t: ReplyTarget,
  now = deps.now?.() ?? new Date(),
  /** What `readMessageFile` read of the customer's file, when the plan asked for it. */
  media?: MediaRead,
): Promise<Plan> {
  const row = await q.loadReplyContext(deps.db, t);
  if (row?.message.replyState !== "pending") return { state: "done" };
  return planFrom(deps, t, now, {
    row,
    settings: await getBotSettings(deps.db, t.workspaceId),
    contactMessagesLastDay: await q.countContactMessagesUpTo(deps.db, {
      workspaceId: t.workspaceId,
      conversationId: row.conversation.id,
      upToSeq: row.message.seq,
      now,
    }),
    faqVersion: null,
    ...(media && { media }),
  });
}

type ContextRow = NonNullable<Awaited<ReturnType<typeof q.loadReplyContext>>>;

async function planFrom(
  deps: ReplyDeps,
  t: ReplyTarget,
  now: Date,
  read: {
    row: ContextRow;
    settings: BotSettingsRow;
    contactMessagesLastDay: number;
    faqVersion: string | null;
    media?: MediaRead;
  },
): Promise<Plan> {
  const { row, settings } = read;
  // Kept for this job's later steps in this process: they need not read them again.
  rememberSettings(t.workspaceId, settings);
  rememberChannelToken(row.channel.id, row.channel.accessTokenEncrypted);
  // The workspace's hourly limit is decided by the atomic claim below, not by a count read here.
  const counts = {
    workspaceAnswersLastHour: 0,
    contactMessagesLastDay: read.contactMessagesLastDay,
  };
  const payload = row.message.payload as { button?: { payload?: unknown } } | null;
  const buttonPayload =
    typeof payload?.button?.payload === "string" ? payload.button.payload : null;
  // A voice note or document the bot can read is read before deciding (`read` below), unless
  // it was already: then its words are the message's text, after any caption.
  const ability = mediaAbility(deps, settings, row.message);
  const fileText =
    read.media?.text ?? (ability === "audio" ? row.message.transcript || null : null);
  const toRead =
    (ability === "audio" || ability === "document") && !read.media && fileText === null
      ? ability
      : undefined;
  const fileRead = ability === "image" || fileText !== null;
  const rating = await recordRatingReply(deps, t, row);
  const input = {
    now,
    message: {
      type: row.message.type,
      text: fileText ? [row.message.text, fileText].filter(Boolean).join("\n\n") : row.message.text,
      buttonPayload,
      // A caption is not answered alone while the file it comes with is still to be read.
      hasCaption: Boolean(row.message.media?.caption) && !toRead,
      fileRead,
      ...(rating && { rating: rating.state, ratingLanguage: rating.language }),
    },
    conversation: row.conversation,
    // A customer who shares no phone is written to by business-scoped user id.
    contact: {
      ...row.contact,
      reachable: row.contact.waId !== null || row.contact.businessScopedUserId !== null,
    },
    channel: {
      status: row.channel.accessTokenEncrypted ? row.channel.status : "no_token",
    },
    settings: {
      ...settings,
      aiActive: aiAnswers(deps, settings),
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
  }
  return {
    state: "plan",
    decision,
    ctx: {
      ...toContext(row),
      language: decision.language,
      faqVersion: read.faqVersion,
      ...(ability === "image" && { image: true }),
    },
    ...(toRead && { read: toRead }),
  };
}

/**
 * A tap on a rating request's buttons is recorded as the conversation's rating before anything
 * is decided: "first" when this tap is the rating, "repeat" when an earlier one counts. Run again,
 * the same tap finds its own rating and is "first" again, so its thanks still goes once.
 */
async function recordRatingReply(
  deps: ReplyDeps,
  t: ReplyTarget,
  row: ContextRow,
): Promise<{ state: "first" | "repeat"; language: Language | null } | null> {
  const reply = readRatingReply(row.message.payload);
  if (!reply) return null;
  const outcome = await recordRating(deps.db, {
    workspaceId: t.workspaceId,
    conversationId: row.conversation.id,
    requestId: reply.requestId,
    score: reply.score,
    messageId: t.messageId,
  });
  return {
    state: outcome === "recorded" ? "first" : "repeat",
    language: ratingTapLanguage(row.message.payload),
  };
}

/**
 * Reads the customer's file the plan asked for: a voice note is transcribed (the transcript kept
 * on the message), a document's text extracted. The job plans again with what was read.
 */
export async function readMessageFile(
  deps: ReplyDeps,
  t: ReplyTarget,
  what: MediaReading,
): Promise<MediaRead> {
  const row = await q.loadReplyContext(deps.db, t);
  if (!row?.message.media) return { text: null, unread: "not_found" };
  const settings = await recentSettings(deps.db, t.workspaceId);
  const read = await readMedia(
    deps,
    { workspaceId: t.workspaceId, messageId: t.messageId, settings, media: row.message.media },
    what,
  );
  if (read.unread) log.info({ messageId: t.messageId, unread: read.unread }, "File not read");
  return read;
}

function toContext(row: NonNullable<Awaited<ReturnType<typeof q.loadReplyContext>>>): PlanContext {
  return {
    conversationId: row.conversation.id,
    contactId: row.contact.id,
    channelId: row.channel.id,
    phoneNumberId: row.channel.phoneNumberId,
    to: row.contact.waId ?? row.contact.businessScopedUserId,
    contactPhone: row.contact.waId,
    waMessageId: row.message.waMessageId,
    messageSeq: row.message.seq,
    receivedAt: row.message.createdAt.toISOString(),
    workspaceName: row.workspaceName,
    contactName: row.contact.name,
    messageText: row.message.text ?? row.message.transcript,
    language: null,
    faqVersion: null,
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
  const changed = await q.setContactOptOut(deps.db, {
    workspaceId: t.workspaceId,
    contactId: ctx.contactId,
    conversationId: ctx.conversationId,
    optedOut,
  });
  if (changed && optedOut) {
    await emitOptedOut(deps.db, {
      workspaceId: t.workspaceId,
      contactId: ctx.contactId,
      waId: ctx.to,
    });
  }
}

/** Flags the conversation and records the escalation; its id when the contact is to be told. */
export async function handOff(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  reason: HandoffReason,
): Promise<string | null> {
  const escalation = await q.handOff(deps.db, {
    workspaceId: t.workspaceId,
    conversationId: ctx.conversationId,
    messageId: t.messageId,
    reason,
  });
  if (escalation) {
    await emitHandedOff(deps.db, {
      workspaceId: t.workspaceId,
      conversationId: ctx.conversationId,
      reason,
      messageId: t.messageId,
    });
    // The person taking over finds a summary of the conversation at the top of the thread.
    const summary = await requestSummary(deps, {
      workspaceId: t.workspaceId,
      conversationId: ctx.conversationId,
    });
    if (!summary.ok && summary.code !== "no_ai") {
      log.warn({ conversationId: ctx.conversationId, code: summary.code }, summary.message);
    }
  }
  return escalation;
}

const channelToken = (deps: ReplyDeps, t: ReplyTarget, ctx: PlanContext) =>
  channelAccessToken(deps, { workspaceId: t.workspaceId, channelId: ctx.channelId });

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
    outbound.replyExists(deps.db, {
      workspaceId: t.workspaceId,
      replyKey: replyKeyOf(t, notice.kind),
    })
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
  // The photo goes to the model as it is, fetched now: it is never kept in a step's result.
  const image = ctx.image ? await fetchImage(deps, t) : null;
  const reply = await composeReply(deps, {
    ...(image && { image }),
    workspaceId: t.workspaceId,
    workspaceName: ctx.workspaceName,
    question,
    language: ctx.language ?? DEFAULT_LANGUAGE,
    // Counted when the answer is recorded as sent, in the same statement.
    recordHit: false,
    faqVersion: ctx.faqVersion,
    settings: await recentSettings(deps.db, t.workspaceId),
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
  const { text, source, kind, faqId, score, ai, aiFailures, interactive, knowledge } = reply;
  return {
    text,
    source,
    kind,
    faqId,
    score,
    ai,
    aiFailures,
    interactive: interactive ?? null,
    knowledge,
  };
}

// Owed whoever answers: opt-out confirmations, and the thanks for a rating.
const CONFIRMATIONS = new Set(["opt_out", "opt_in", "rating_thanks"]);

export type SendOutcome =
  | { state: "sent"; id: string; waMessageId: string; finished?: boolean }
  | { state: "skipped"; reason: "person_handles" }
  | { state: "failed"; id: string; code: number; handoff: HandoffReason | null };

type ReplyFields = Omit<
  outbound.OutboundReply,
  "workspaceId" | "conversationId" | "channelId" | "replyToId" | "replyKey"
>;

/**
 * Sends one reply exactly once: its row is created under a fixed key, a row that already has a
 * WhatsApp id is not sent again, and only Graph errors worth retrying make the job retry. With
 * `finish`, the send is the run's last act: recording it also records how the question ended and
 * gives the conversation back (`finished` says so), in the same statement.
 */
export async function sendReply(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  reply: ReplyFields,
  options: { finish?: "handled" } = {},
): Promise<SendOutcome> {
  const replyKey = replyKeyOf(t, reply.kind);
  const fields = {
    ...reply,
    workspaceId: t.workspaceId,
    conversationId: ctx.conversationId,
    channelId: ctx.channelId,
    replyToId: t.messageId,
    replyKey,
  };
  // Checked as late as possible: once a person takes over, the bot's answers still in flight are
  // dropped rather than sent over the person's. Opt-out confirmations are owed whoever answers.
  const guarded = !CONFIRMATIONS.has(reply.kind);
  if (!ctx.to) throw new Error("The contact has neither a phone number nor a user id to write to");
  const to = ctx.to;
  // Read before the send is claimed: a failure here has sent nothing.
  const token = await channelToken(deps, t, ctx);
  // The usual first run: the row is created already claimed for its one Graph call.
  const created = await outbound.createClaimedReply(deps.db, {
    ...fields,
    unlessPersonHandles: guarded,
    now: new Date(),
  });
  if (created.state === "person_handles") return personHandlesNow(deps, t, replyKey);
  // Disconnected since the token was read: nothing goes out, as when there is no token at all.
  if (created.state === "no_token") throw new Error("The channel has no access token");
  if (created.state === "exists" && guarded) {
    const personHandles = await q.personHandles(deps.db, {
      workspaceId: t.workspaceId,
      conversationId: ctx.conversationId,
    });
    if (personHandles) return personHandlesNow(deps, t, replyKey);
  }
  const target = {
    workspaceId: t.workspaceId,
    conversationId: ctx.conversationId,
    preview: reply.text,
    latencyMs: Date.now() - new Date(ctx.receivedAt).getTime(),
  };
  const send = (body: string) => async (callbackData: string) => {
    if (reply.interactive) {
      const sent = await deps.graph.sendInteractive(ctx.phoneNumberId, token, {
        to,
        interactive: reply.interactive,
        bizOpaqueCallbackData: callbackData,
      });
      return sent.wamid;
    }
    const [first] = await deps.graph.sendText(ctx.phoneNumberId, token, {
      to,
      body,
      bizOpaqueCallbackData: callbackData,
    });
    return first?.wamid;
  };
  if (created.state === "claimed") {
    const id = created.id;
    let finished = false;
    const outcome = await sendClaimed(deps.db, { ...target, id }, send(created.text), {
      reconcileMs: deps.reconcileMs,
      ...(options.finish && {
        record: async (waMessageId: string) => {
          finished = await outbound.markReplySentAndFinish(deps.db, {
            ...target,
            id,
            waMessageId,
            latencyMs: target.latencyMs,
            question: { messageId: t.messageId, state: options.finish ?? "handled" },
          });
        },
      }),
    });
    if (outcome.state === "sent")
      return { state: "sent", id, waMessageId: outcome.waMessageId, finished };
    const handoff = await onPermanentGraphError(deps, t, ctx, outcome.error);
    return { state: "failed", id, code: outcome.error.code, handoff };
  }
  // A run repeated: the row exists, and is sent only if it never was.
  const row = await outbound.prepareOutbound(deps.db, fields);
  if (row.waMessageId) return { state: "sent", id: row.id, waMessageId: row.waMessageId };
  if (row.status === "failed") return { state: "failed", id: row.id, code: -1, handoff: null };
  const outcome = await sendOnce(deps.db, { ...target, id: row.id }, send(row.text ?? reply.text), {
    reconcileMs: deps.reconcileMs,
    ...(deps.startedAt && { heldSince: deps.startedAt }),
  });
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

/**
 * A person has the conversation: a row left by an earlier attempt that never went out goes, not
 * left "sending"; one whose send is in doubt waits for WhatsApp's word, and is never sent again.
 */
async function personHandlesNow(
  deps: ReplyDeps,
  t: ReplyTarget,
  replyKey: string,
): Promise<SendOutcome> {
  await outbound.dropUnsentReply(deps.db, { workspaceId: t.workspaceId, replyKey });
  const left = await outbound.findUnsentReply(deps.db, { workspaceId: t.workspaceId, replyKey });
  if (left?.sendingAt) {
    await settleUnconfirmed(deps.db, {
      workspaceId: t.workspaceId,
      id: left.id,
      sendingAt: left.sendingAt,
      reconcileMs: deps.reconcileMs,
      ...(deps.startedAt && { heldSince: deps.startedAt }),
    });
  }
  return { state: "skipped", reason: "person_handles" };
}

/** Tells the escalation contact about a hand-off recorded by `handOff`. */
export async function notify(
  deps: ReplyDeps,
  t: ReplyTarget,
  ctx: PlanContext,
  escalationId: string,
  reason: HandoffReason,
) {
  const settings = await recentSettings(deps.db, t.workspaceId);
  const channel = await getChannelCredentials(deps.db, {
    workspaceId: t.workspaceId,
    channelId: ctx.channelId,
  });
  return notifyEscalation(deps, {
    id: escalationId,
    workspaceId: t.workspaceId,
    workspaceName: ctx.workspaceName,
    reason,
    customer: { name: ctx.contactName, phone: ctx.contactPhone },
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
  const changed = await outbound.setReplyState(deps.db, {
    workspaceId: t.workspaceId,
    messageId: t.messageId,
    from: "pending",
    to: state,
  });
  await releaseReplyLease(deps.db, t);
  return changed;
}
