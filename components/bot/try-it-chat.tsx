import type { TryView } from "@/lib/bot/try-bot";
import { WhatsAppText } from "./whatsapp-preview";

const OUTCOMES: Record<TryView["outcome"], { label: string; tone: string }> = {
  faq: { label: "Answered from your FAQ", tone: "bg-brand-50 text-brand-700" },
  ai: { label: "Answered by the AI", tone: "bg-sky-50 text-sky-800" },
  fallback: { label: "Fallback message", tone: "bg-amber-50 text-amber-900" },
  notice: { label: "A notice, no answer", tone: "bg-amber-50 text-amber-900" },
  small_talk: { label: "Small talk, no FAQ needed", tone: "bg-brand-50 text-brand-700" },
  stopped: { label: "Nothing sent", tone: "bg-zinc-100 text-zinc-700" },
};

type Props = { question: string; view: TryView };

/** The conversation as the customer's phone would show it: their question, then each reply. */
export function TryItChat({ question, view }: Props) {
  const outcome = OUTCOMES[view.outcome];
  return (
    <section aria-label="What the customer gets" className="space-y-2">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-zinc-900">What the customer gets</h2>
        <span
          className={`rounded-full px-2.5 py-1 text-xs font-medium ${outcome.tone}`}
          data-testid="try-outcome"
          data-outcome={view.outcome}
        >
          {outcome.label}
        </span>
      </div>
      <div className="flex min-h-48 flex-col gap-2 rounded-xl bg-[#efeae2] p-3 text-sm leading-snug text-zinc-900">
        <div className="ml-auto max-w-[85%] whitespace-pre-wrap break-words rounded-lg rounded-tr-none bg-[#d9fdd3] px-3 py-2 shadow-sm">
          {question}
        </div>
        {view.replies.map((reply) => (
          <div
            // One decision sends at most one message of each kind.
            key={reply.kind}
            className="mr-auto max-w-[85%] whitespace-pre-wrap break-words rounded-lg rounded-tl-none bg-white px-3 py-2 shadow-sm"
            data-testid="try-reply"
            data-kind={reply.kind}
          >
            <WhatsAppText text={reply.text} />
          </div>
        ))}
        {view.replies.length === 0 && (
          <p className="mx-auto mt-2 rounded-md bg-white/70 px-2 py-1 text-xs text-zinc-600">
            The bot sends nothing.
          </p>
        )}
      </div>
    </section>
  );
}
