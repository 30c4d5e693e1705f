import { finishConversationSummary } from "@/db/queries/agent-help";
import { helpDeps } from "@/lib/inbox/agent-help";
import { summarizeConversation } from "@/lib/inbox/summarize";
import { log } from "@/lib/log";
import { inngest } from "../client";
import { type SummaryRequested, summaryRequested, summaryRequestedData } from "../events";
import type { JobContext } from "../step";

/** Makes a conversation's summary for the team, in one step (a retry asks the model again). */
export async function summarizeConversationJob({ event, step }: JobContext<SummaryRequested>) {
  return step.run("summarize", async () => summarizeConversation(await helpDeps(), event.data));
}

/** After the last retry: the agent sees that the summary failed and can refresh it. */
export async function failSummary(data: SummaryRequested, error: unknown) {
  log.warn(
    { workspaceId: data.workspaceId, conversationId: data.conversationId, err: error },
    "The conversation's summary could not be made",
  );
  await finishConversationSummary((await helpDeps()).db, {
    workspaceId: data.workspaceId,
    conversationId: data.conversationId,
    requestedAt: new Date(data.requestedAt),
    outcome: { state: "failed", error: "The summary could not be made. Try refreshing it." },
  });
}

export const summarizeConversationFn = inngest.createFunction(
  {
    id: "summarize-conversation",
    triggers: [summaryRequested],
    retries: 2,
    concurrency: [{ key: "event.data.conversationId", limit: 1 }],
    onFailure: async ({ event, error, step }) => {
      const original = summaryRequestedData.parse(event.data.event.data);
      await step.run("mark-failed", () => failSummary(original, error));
    },
  },
  summarizeConversationJob,
);
