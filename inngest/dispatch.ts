import type { Db } from "@/db";
import { wantsEmbeddings } from "@/lib/bot/semantic";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { inngest } from "./client";
import {
  type BroadcastDue,
  broadcastDue,
  type CatalogSyncRequested,
  catalogSyncRequested,
  type FaqsChanged,
  faqsChanged,
  inboxReplyQueued,
  type KnowledgeSyncRequested,
  knowledgeSyncRequested,
  type MessageReceived,
  messageReceived,
  type OutgoingDeliveryDue,
  outgoingDeliveryDue,
  type SummaryRequested,
  summaryRequested,
} from "./events";
import { deliverOutgoingWebhook } from "./functions/deliver-outgoing-webhook";
import { embedFaqs, failFaqEmbedding } from "./functions/embed-faqs";
import { failInboundMessage, handleInboundMessage } from "./functions/handle-inbound-message";
import { failKnowledgeIngest, ingestKnowledge } from "./functions/ingest-knowledge";
import { sendBroadcast } from "./functions/send-broadcast";
import { failInboxReply, sendInboxReply } from "./functions/send-inbox-reply";
import { failSummary, summarizeConversationJob } from "./functions/summarize-conversation";
import { failCatalogSyncJob, syncCatalog } from "./functions/sync-catalog";
import { createInlineRunner, type InlineRunner } from "./inline-runner";

/** A job for the in-process runner: the bot's answer, a person's reply, or embedding the FAQ. */
export type InlineJob =
  | { kind: "received" | "reply"; data: MessageReceived }
  | { kind: "embed"; data: FaqsChanged }
  | { kind: "catalog"; data: CatalogSyncRequested }
  | { kind: "outgoing"; data: OutgoingDeliveryDue }
  | { kind: "knowledge"; data: KnowledgeSyncRequested }
  | { kind: "broadcast"; data: BroadcastDue }
  | { kind: "summary"; data: SummaryRequested };

// In-process, a delivery's run makes one attempt; the poller starts the next at its time.
const deliverInline = deliverOutgoingWebhook(false);

// One runner per process, whichever bundle (route, server action, instrumentation) asks first:
// per-conversation order and the concurrency limit only hold if every layer queues on the same one.
// It holds the handlers of the bundle that made it, which are whole and consistent on their own,
// and nothing outside it depends on its classes.
const store = globalThis as unknown as { __parleyInlineRunner?: InlineRunner<InlineJob> };

export function inlineRunner(): InlineRunner<InlineJob> {
  store.__parleyInlineRunner ??= createInlineRunner<InlineJob>({
    handler: ({ event, step, attempt }) => {
      const job = event.data;
      if (job.kind === "embed") return embedFaqs({ event: { data: job.data }, step, attempt });
      if (job.kind === "catalog") return syncCatalog({ event: { data: job.data }, step, attempt });
      if (job.kind === "outgoing") {
        return deliverInline({ event: { data: job.data }, step, attempt });
      }
      if (job.kind === "knowledge") {
        return ingestKnowledge({ event: { data: job.data }, step, attempt });
      }
      if (job.kind === "broadcast") {
        return sendBroadcast({ event: { data: job.data }, step, attempt });
      }
      if (job.kind === "summary") {
        return summarizeConversationJob({ event: { data: job.data }, step, attempt });
      }
      const ctx = { event: { data: job.data }, step, attempt };
      return job.kind === "received" ? handleInboundMessage(ctx) : sendInboxReply(ctx);
    },
    onFailure: (job, error) => {
      if (job.kind === "embed") return failFaqEmbedding(job.data, error);
      if (job.kind === "catalog") return failCatalogSyncJob(job.data, error);
      // The delivery stays pending: the poller tries it again at its next time.
      if (job.kind === "outgoing") return Promise.resolve();
      if (job.kind === "knowledge") return failKnowledgeIngest(job.data, error);
      // The broadcast stays under way: the poller starts it again.
      if (job.kind === "broadcast") return Promise.resolve();
      if (job.kind === "summary") return failSummary(job.data, error);
      return job.kind === "received" ? failInboundMessage(job.data) : failInboxReply(job.data);
    },
    // One queue per conversation for both message kinds, as the shared Inngest concurrency key
    // does; one per workspace for its FAQ embeddings; one per workspace's catalog sync; one per delivery and knowledge source.
    key: (job) => {
      if (job.kind === "embed") return `faqs:${job.data.workspaceId}`;
      if (job.kind === "catalog") return `catalog:${job.data.workspaceId}`;
      if (job.kind === "outgoing") return `outgoing:${job.data.deliveryId}`;
      if (job.kind === "knowledge") return `knowledge:${job.data.sourceId}`;
      if (job.kind === "broadcast") return `broadcast:${job.data.broadcastId}`;
      if (job.kind === "summary") return `summary:${job.data.conversationId}`;
      return job.data.conversationId;
    },
    id: (job) => {
      if (job.kind === "embed") return `embed:${job.data.workspaceId}:${job.data.changedAt}`;
      if (job.kind === "catalog") return `catalog:${job.data.workspaceId}:${job.data.requestedAt}`;
      if (job.kind === "outgoing") return `outgoing:${job.data.deliveryId}`;
      if (job.kind === "knowledge") return `knowledge:${job.data.sourceId}:${job.data.requestedAt}`;
      if (job.kind === "broadcast") return `broadcast:${job.data.broadcastId}`;
      if (job.kind === "summary") {
        return `summary:${job.data.conversationId}:${job.data.requestedAt}`;
      }
      return `${job.kind}:${job.data.messageId}`;
    },
    concurrency: getEnv().jobConcurrency,
  });
  return store.__parleyInlineRunner;
}

export type Schedule = (task: () => void) => void;
type DispatchOptions = { schedule?: Schedule; driver?: "inline" | "inngest" };

/**
 * Hands stored inbound messages to the job system. With Inngest the send must succeed (it
 * throws otherwise, so the webhook answers 5xx and Meta redelivers); the message id is the event
 * id, so sending again is harmless. Inline, jobs start after the response (`schedule`).
 */
export async function dispatchMessagesReceived(
  messages: MessageReceived[],
  options: DispatchOptions = {},
): Promise<void> {
  await dispatch("received", messages, options);
}

/** Hands a person's queued reply to the job system, which sends it with retries and pacing. */
export async function dispatchInboxReply(
  reply: MessageReceived,
  options: DispatchOptions = {},
): Promise<void> {
  await dispatch("reply", [reply], options);
}

async function dispatch(
  kind: "received" | "reply",
  jobs: MessageReceived[],
  { schedule = (task) => setImmediate(task), driver = getEnv().jobs }: DispatchOptions,
) {
  if (jobs.length === 0) return;
  if (driver === "inngest") {
    const event = kind === "received" ? messageReceived : inboxReplyQueued;
    await inngest.send(jobs.map((m) => event.create(m, { id: m.messageId })));
    return;
  }
  const runner = inlineRunner();
  schedule(() => {
    for (const data of jobs) runner.enqueue({ kind, data });
  });
}

/**
 * Asks for a workspace's FAQ entries to be embedded after a change. The change is saved already:
 * when the job cannot be queued the entries stay lexical-only until the next change, and the
 * log says so rather than failing the owner's save.
 */
export async function requestFaqEmbedding(
  db: Db,
  workspaceId: string,
  { schedule = (task) => setImmediate(task), driver = getEnv().jobs }: DispatchOptions = {},
): Promise<void> {
  if (!(await wantsEmbeddings(db, workspaceId))) return;
  const data = { workspaceId, changedAt: Date.now() };
  if (driver === "inngest") {
    try {
      await inngest.send(faqsChanged.create(data));
    } catch (err) {
      log.error({ workspaceId, err }, "Could not queue embedding the FAQ");
    }
    return;
  }
  const runner = inlineRunner();
  schedule(() => runner.enqueue({ kind: "embed", data }));
}

/**
 * Asks for the workspace's products to be sent to its Meta catalog. Unlike a message, a request
 * that cannot be queued is the owner's to repeat: it throws, and the page says so.
 */
export async function requestCatalogSync(
  workspaceId: string,
  { schedule = (task) => setImmediate(task), driver = getEnv().jobs }: DispatchOptions = {},
): Promise<void> {
  const data = { workspaceId, requestedAt: Date.now() };
  if (driver === "inngest") {
    await inngest.send(catalogSyncRequested.create(data));
    return;
  }
  const runner = inlineRunner();
  schedule(() => runner.enqueue({ kind: "catalog", data }));
}

/**
 * Hands queued outgoing webhook deliveries to the job system. The rows are stored already: if
 * this fails, the sweep (Inngest) or the poller (in-process) sends them later.
 */
export async function dispatchOutgoingDeliveries(
  deliveries: { id: string; workspaceId: string }[],
  { schedule = (task) => setImmediate(task), driver = getEnv().jobs }: DispatchOptions = {},
): Promise<void> {
  if (deliveries.length === 0) return;
  if (driver === "inngest") {
    await inngest.send(
      deliveries.map((d) =>
        outgoingDeliveryDue.create(
          { workspaceId: d.workspaceId, deliveryId: d.id },
          { id: `${d.id}:0` },
        ),
      ),
    );
    return;
  }
  const runner = inlineRunner();
  schedule(() => {
    for (const d of deliveries) {
      runner.enqueue({ kind: "outgoing", data: { workspaceId: d.workspaceId, deliveryId: d.id } });
    }
  });
}

/**
 * Hands knowledge sources to be read to the job system. The request is stored on each source
 * already; with Inngest a failed send throws (the caller says so), and the sweep for stuck
 * sources asks again later either way.
 */
export async function dispatchKnowledgeSyncs(
  syncs: KnowledgeSyncRequested[],
  { schedule = (task) => setImmediate(task), driver = getEnv().jobs }: DispatchOptions = {},
): Promise<void> {
  if (syncs.length === 0) return;
  if (driver === "inngest") {
    await inngest.send(
      syncs.map((s) => knowledgeSyncRequested.create(s, { id: `${s.sourceId}:${s.requestedAt}` })),
    );
    return;
  }
  const runner = inlineRunner();
  schedule(() => {
    for (const data of syncs) runner.enqueue({ kind: "knowledge", data });
  });
}

/**
 * Hands a confirmed broadcast to the job system. It is stored already: if the hand-off fails, the
 * sweep (Inngest) or the poller (in-process) starts it within a minute.
 */
export async function dispatchBroadcast(
  data: BroadcastDue,
  { schedule = (task) => setImmediate(task), driver = getEnv().jobs }: DispatchOptions = {},
): Promise<void> {
  if (driver === "inngest") {
    await inngest.send(broadcastDue.create(data, { id: data.broadcastId }));
    return;
  }
  const runner = inlineRunner();
  schedule(() => runner.enqueue({ kind: "broadcast", data }));
}

/**
 * Hands a conversation's summary request to the job system. The request is stored already (the
 * summary shows as being made); a failed send throws, so the caller can say so.
 */
export async function dispatchSummary(
  data: SummaryRequested,
  { schedule = (task) => setImmediate(task), driver = getEnv().jobs }: DispatchOptions = {},
): Promise<void> {
  if (driver === "inngest") {
    await inngest.send(
      summaryRequested.create(data, { id: `${data.conversationId}:${data.requestedAt}` }),
    );
    return;
  }
  const runner = inlineRunner();
  schedule(() => runner.enqueue({ kind: "summary", data }));
}
