import { PassageList } from "@/components/knowledge/passage-list";
import { cn } from "@/components/ui/cn";
import { FailureNote } from "./failure-note";
import { forwardedLabel } from "./message-body";
import { MessageContent } from "./message-content";
import type { ThreadMessageJson } from "./message-json";
import { MessageMeta } from "./message-meta";

type Props = {
  slug: string;
  message: ThreadMessageJson;
  /** The customer's current reaction to this message, shown at its corner. */
  reaction?: string | null;
  /** The message this one answers, in one line; "" when it is not on the page. */
  quoted?: string | null;
};

/**
 * One message as a chat bubble: the customer's on the left in white, the business's on the
 * right in green, with who sent it, when, how far it got and, if it failed, why.
 */
export function MessageBubble({ slug, message: m, reaction, quoted }: Props) {
  const outbound = m.direction === "outbound";
  const forwarded = forwardedLabel(m);
  return (
    <div
      className={cn("flex", outbound ? "justify-end" : "justify-start", reaction && "pb-3")}
      data-testid="message"
      data-message-id={m.id}
      data-direction={m.direction}
      data-type={m.type}
      data-status={m.status}
    >
      <div
        className={cn(
          "relative max-w-[85%] min-w-20 rounded-lg px-3 py-2 text-sm leading-snug text-zinc-900 shadow-sm md:max-w-[70%]",
          outbound ? "rounded-tr-none bg-emerald-50" : "rounded-tl-none bg-white",
          m.status === "failed" && "ring-1 ring-red-300",
        )}
      >
        {forwarded && <p className="mb-0.5 text-xs text-zinc-500 italic">{forwarded}</p>}
        {quoted !== undefined && quoted !== null && (
          <p
            className="mb-1 line-clamp-2 rounded border-l-2 border-emerald-600 bg-zinc-900/5 px-2 py-1 text-xs text-zinc-600"
            data-testid="message-quote"
          >
            {quoted || "Replying to an earlier message"}
          </p>
        )}
        <MessageContent slug={slug} message={m} />
        {m.status === "failed" && <FailureNote code={m.errorCode} details={m.errorDetails} />}
        {m.knowledge && m.knowledge.length > 0 && (
          <details className="mt-1 text-xs text-zinc-600" data-testid="message-knowledge">
            <summary className="cursor-pointer select-none">
              Based on {m.knowledge.length === 1 ? "1 passage" : `${m.knowledge.length} passages`}{" "}
              from your knowledge
            </summary>
            <div className="mt-1 rounded bg-white/70 p-2">
              <PassageList passages={m.knowledge} />
            </div>
          </details>
        )}
        <MessageMeta message={m} />
        {reaction && (
          <span
            className={cn(
              "absolute -bottom-3 rounded-full border border-zinc-200 bg-white px-1 text-sm leading-5 shadow-sm",
              outbound ? "right-2" : "left-2",
            )}
            role="img"
            aria-label={`The customer reacted ${reaction}`}
            title={`The customer reacted ${reaction}`}
            data-testid="message-reaction"
          >
            {reaction}
          </span>
        )}
      </div>
    </div>
  );
}
