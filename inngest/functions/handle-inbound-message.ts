import { NonRetriableError } from "inngest";
import { markUnconfirmedReplies } from "@/db/queries/messages";
import { leaseWaitLimitMs } from "@/db/queries/reply-lease";
import type { HandoffReason } from "@/lib/bot/decide";
import { getReplyDeps } from "@/lib/bot/deps";
import * as pipeline from "@/lib/bot/pipeline";
import { getEnv } from "@/lib/env";
import { UNSENT_AGAIN_DETAILS } from "@/lib/outbound/send-once";
import { inngest } from "../client";
import { type MessageReceived, messageReceived, messageReceivedData } from "../events";
import { BOT_REPLY_THROTTLE, CONVERSATION_QUEUE } from "../flow-control";
import type { JobContext } from "../step";

const LEASE_WAIT_MS = 2_000;
// Longer than any answer, including one that waits out a send's reconciliation twice.
const maxLeaseWaits = () => Math.ceil(leaseWaitLimitMs(getEnv().reconcileMs) / LEASE_WAIT_MS);

/**
 * The reply job behind every inbound message (DESIGN.md steps 6-7). Every side effect is its own
 * step, so a retry repeats only what failed; each reply row is keyed by message and part, so
 * redeliveries, sweeps and retries never answer twice.
 */
export async function handleInboundMessage({ event, step }: JobContext<MessageReceived>) {
  const target = { workspaceId: event.data.workspaceId, messageId: event.data.messageId };
  const run = { ...target, conversationId: event.data.conversationId };
  // One run at a time per conversation, in the order customers wrote, even where the job system
  // interleaves the steps of several runs; a run that has to wait sleeps between attempts.
  // The lease is taken in the statement that reads what the decision needs.
  let taken = await step.run("take-conversation", async () =>
    pipeline.takeAndPlan(await getReplyDeps(), run),
  );
  for (let wait = 1; taken.lease === "busy"; wait++) {
    if (wait > maxLeaseWaits()) {
      throw new NonRetriableError("The conversation stayed busy with another message's reply");
    }
    await step.sleep(`wait-for-conversation-${wait}`, LEASE_WAIT_MS);
    taken = await step.run(`take-conversation-${wait}`, async () =>
      pipeline.takeAndPlan(await getReplyDeps(), run),
    );
  }
  if (taken.lease !== "taken") {
    // Finished by an earlier run that died before giving the conversation back.
    await step.run("release-conversation", async () =>
      pipeline.releaseConversation(await getReplyDeps(), run),
    );
    return { messageId: target.messageId, outcome: "already-handled" };
  }

  let { plan } = taken;
  // A voice note or document the bot can read, and would otherwise call unreadable: it is read
  // (transcribed, or its text extracted), then the decision is made again on its words.
  if (plan.state === "plan" && plan.read && plan.decision.reason === "unsupported") {
    const what = plan.read;
    const read = await step.run("read-file", async () =>
      pipeline.readMessageFile(await getReplyDeps(), target, what),
    );
    plan = await step.run("plan-after-reading", async () =>
      pipeline.planReply(await getReplyDeps(), target, undefined, read),
    );
  }
  if (plan.state === "done") {
    await step.run("finish", async () => pipeline.finish(await getReplyDeps(), run, "skipped"));
    return { messageId: target.messageId, outcome: "already-handled" };
  }
  const { decision, ctx } = plan;

  if (decision.optOut !== undefined) {
    const optedOut = decision.optOut;
    await step.run("set-opt-out", async () =>
      pipeline.applyOptOut(await getReplyDeps(), target, ctx, optedOut),
    );
  }

  const handoffs: { reason: HandoffReason; notify: boolean }[] = [];
  if (decision.handoff) handoffs.push(decision.handoff);

  const willSend = decision.answer || decision.notices.length > 0;
  if (willSend) {
    await step.run("mark-read", async () => pipeline.markRead(await getReplyDeps(), target, ctx));
  }

  // Notices before the answer (a welcome), then the answer, then those after it (the away note).
  const sendNotice = async (notice: (typeof decision.notices)[number]) => {
    const claimed = await step.run(`claim-${notice.kind}`, async () =>
      pipeline.claimNotice(await getReplyDeps(), target, ctx, notice),
    );
    if (!claimed) return;
    // The owner's own wording, translated for the customer when the AI can (slow: its own step).
    const text = notice.translate
      ? await step.run(`translate-${notice.kind}`, async () =>
          pipeline.localizeNotice(await getReplyDeps(), target, notice),
        )
      : notice.text;
    const sent = await step.run(`send-${notice.kind}`, async () =>
      pipeline.sendReply(await getReplyDeps(), target, ctx, {
        text,
        source: "system",
        kind: notice.kind,
      }),
    );
    if (sent.state === "failed" && sent.handoff)
      handoffs.push({ reason: sent.handoff, notify: true });
  };
  for (const notice of decision.notices) if (!notice.afterAnswer) await sendNotice(notice);

  let source: string | null = null;
  // Not answered after all when a person took over while the answer was being written.
  let answered = decision.answer;
  // A photo without a caption is a question too: its question is empty.
  if (decision.answer && decision.question !== null) {
    const question = decision.question;
    const answer = await step.run("compose-answer", async () =>
      pipeline.composeAnswer(await getReplyDeps(), target, ctx, question),
    );
    source = answer.kind === "fallback" ? "fallback" : answer.source;
    // Nothing left to do after an answer that goes out: recording it ends the run.
    const last =
      answer.kind === "answer" &&
      handoffs.length === 0 &&
      !decision.notices.some((notice) => notice.afterAnswer);
    const sent = await step.run("send-answer", async () =>
      pipeline.sendReply(
        await getReplyDeps(),
        target,
        ctx,
        {
          text: answer.text,
          source: answer.source,
          kind: answer.kind,
          faqId: answer.faqId,
          aiModel: answer.ai?.model ?? null,
          promptTokens: answer.ai?.promptTokens ?? null,
          completionTokens: answer.ai?.completionTokens ?? null,
          costMicros: answer.ai?.costMicros ?? null,
          interactive: answer.interactive ?? null,
          knowledge: answer.knowledge,
        },
        last ? { finish: "handled" } : {},
      ),
    );
    if (sent.state === "sent" && sent.finished) {
      return { messageId: target.messageId, outcome: decision.reason, source, handoffs: [] };
    }
    if (sent.state === "skipped") answered = false;
    if (sent.state === "failed" && sent.handoff)
      handoffs.push({ reason: sent.handoff, notify: true });
    else if (answer.kind === "fallback" && sent.state === "sent")
      handoffs.push(decision.unanswered ?? { reason: "unanswered", notify: true });
  }
  for (const notice of decision.notices) if (notice.afterAnswer) await sendNotice(notice);

  for (const handoff of handoffs) {
    const escalationId = await step.run(`hand-off-${handoff.reason}`, async () =>
      pipeline.handOff(await getReplyDeps(), target, ctx, handoff.reason),
    );
    if (escalationId && handoff.notify) {
      await step.run(`notify-${handoff.reason}`, async () =>
        pipeline.notify(await getReplyDeps(), target, ctx, escalationId, handoff.reason),
      );
    }
  }

  await step.run("finish", async () =>
    pipeline.finish(await getReplyDeps(), run, answered ? "handled" : "skipped"),
  );
  return {
    messageId: target.messageId,
    outcome: decision.reason,
    source,
    handoffs: handoffs.map((h) => h.reason),
  };
}

/**
 * After the last retry: the message is marked failed so it is not swept again, and the
 * conversation goes to a person, whose escalation contact is told.
 */
export async function failInboundMessage(data: MessageReceived) {
  const deps = await getReplyDeps();
  const target = { workspaceId: data.workspaceId, messageId: data.messageId };
  // Not pending any more: another run answered it, and nothing is escalated.
  if (!(await pipeline.finish(deps, { ...target, conversationId: data.conversationId }, "failed")))
    return;
  // An answer whose send is in doubt may have reached the customer: it is marked so, not dropped.
  await markUnconfirmedReplies(deps.db, {
    workspaceId: data.workspaceId,
    replyToId: data.messageId,
    details: UNSENT_AGAIN_DETAILS,
  });
  const ctx = await pipeline.contextOf(deps, target);
  if (!ctx) return;
  const escalationId = await pipeline.handOff(deps, target, ctx, "reply_failed");
  if (escalationId) await pipeline.notify(deps, target, ctx, escalationId, "reply_failed");
}

export const handleInboundMessageFn = inngest.createFunction(
  {
    id: "handle-inbound-message",
    triggers: [messageReceived],
    retries: 5,
    concurrency: [CONVERSATION_QUEUE],
    idempotency: "event.data.messageId",
    throttle: BOT_REPLY_THROTTLE,
    onFailure: async ({ event, step }) => {
      const original = messageReceivedData.parse(event.data.event.data);
      await step.run("mark-failed", () => failInboundMessage(original));
    },
  },
  handleInboundMessage,
);
