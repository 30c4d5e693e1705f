import { DeliveryTicks } from "./delivery-ticks";
import type { ThreadMessageJson } from "./message-json";
import { MessageTime } from "./message-time";

/** A cost in millionths of a dollar, with enough digits that small amounts don't show as zero. */
export function formatCostMicros(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(micros === 0 || micros >= 100 ? 4 : 6)}`;
}

/** What an AI answer used, for the badge's hover text. */
export function aiUsage(m: ThreadMessageJson): string {
  const parts = [m.aiModel ? `Model ${m.aiModel}` : "Model unknown"];
  if (m.promptTokens !== null || m.completionTokens !== null) {
    const prompt = m.promptTokens ?? 0;
    const completion = m.completionTokens ?? 0;
    parts.push(`${prompt} + ${completion} = ${prompt + completion} tokens`);
  }
  parts.push(m.costMicros === null ? "cost unknown" : formatCostMicros(m.costMicros));
  return parts.join(" · ");
}

const BADGE = "rounded px-1.5 py-px text-[0.6875rem] font-medium leading-4";

/** Who wrote an outbound message: the FAQ, the AI, a person of the team, or Parley itself. */
export function SourceBadge({ message: m }: { message: ThreadMessageJson }) {
  if (m.direction !== "outbound" || !m.source) return null;
  switch (m.source) {
    case "faq":
      return (
        <span className={`${BADGE} bg-brand-100 text-brand-700`} data-testid="source-badge">
          FAQ
        </span>
      );
    case "ai":
      return (
        <span
          className={`${BADGE} cursor-help bg-sky-100 text-sky-800`}
          data-testid="source-badge"
          title={aiUsage(m)}
        >
          AI
        </span>
      );
    case "human":
      if (m.fromBusinessApp) {
        return (
          <span
            className={`${BADGE} bg-emerald-100 text-emerald-800`}
            data-testid="source-badge"
            title="Sent from the WhatsApp Business app on the owner's phone"
          >
            Owner's phone
          </span>
        );
      }
      return (
        <span className={`${BADGE} bg-violet-100 text-violet-800`} data-testid="source-badge">
          {m.sentBy?.name || "A former member"}
        </span>
      );
    case "system":
      return (
        <span className={`${BADGE} bg-zinc-200 text-zinc-700`} data-testid="source-badge">
          System
        </span>
      );
  }
}

/** The line under a message's content: who sent it, when, and how far it got. */
export function MessageMeta({ message: m }: { message: ThreadMessageJson }) {
  return (
    <div className="mt-1 flex items-center justify-end gap-1.5 text-[0.6875rem] text-zinc-500">
      <SourceBadge message={m} />
      {m.imported && (
        <span
          className="text-[0.6875rem]"
          title="Brought in from the WhatsApp Business app's chat history"
          data-testid="imported-badge"
        >
          From the app's history ·
        </span>
      )}
      <MessageTime iso={m.createdAt} />
      {m.direction === "outbound" && <DeliveryTicks status={m.status} />}
    </div>
  );
}
