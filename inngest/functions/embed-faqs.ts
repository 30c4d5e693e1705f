import { getReplyDeps } from "@/lib/bot/deps";
import { syncFaqEmbeddings } from "@/lib/bot/semantic";
import { log } from "@/lib/log";
import { inngest } from "../client";
import { type FaqsChanged, faqsChanged, faqsChangedData } from "../events";
import type { JobContext } from "../step";

/**
 * Embeds a workspace's FAQ entries whose text is new or changed (one step; a retry embeds only
 * what is still missing, as finished batches are stored).
 */
export async function embedFaqs({ event, step }: JobContext<FaqsChanged>) {
  return step.run("embed", async () =>
    syncFaqEmbeddings(await getReplyDeps(), event.data.workspaceId),
  );
}

/** After the last retry: the entries stay lexical-only until the next change; the log says so. */
export async function failFaqEmbedding(data: FaqsChanged, error: unknown) {
  log.warn(
    { workspaceId: data.workspaceId, reason: (error as { reason?: unknown })?.reason },
    "FAQ entries could not be embedded; retrieval stays lexical for them",
  );
}

export const embedFaqsFn = inngest.createFunction(
  {
    id: "embed-faqs",
    triggers: [faqsChanged],
    retries: 4,
    // One run per workspace at a time, and a burst of edits (an import, many saves) becomes one.
    concurrency: [{ key: "event.data.workspaceId", limit: 1 }],
    debounce: { key: "event.data.workspaceId", period: "3s" },
    onFailure: async ({ event, error, step }) => {
      const original = faqsChangedData.parse(event.data.event.data);
      await step.run("log-failure", () => failFaqEmbedding(original, error));
    },
  },
  embedFaqs,
);
