import type { Route } from "next";
import Link from "next/link";
import { scoreAgainst } from "@/lib/bot/score-format";
import type { TryView } from "@/lib/bot/try-bot";
import type { MatchSignal } from "@/lib/bot/try-candidates";

const SIGNALS: Record<MatchSignal, { label: string; hint: string }> = {
  lexical: { label: "Same words", hint: "shares words with the entry's question or wordings" },
  semantic: { label: "Same meaning", hint: "means the same, whatever the words or language" },
  keyword: { label: "Keyword", hint: "contains one of the entry's keywords" },
};

type Props = { slug: string; view: TryView };

/** The language the message was read in, and how close each FAQ entry came, with why. */
export function TryItCandidates({ slug, view }: Props) {
  const { language, candidates } = view;
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700" data-testid="try-language" data-language={language.code}>
        Read as <strong>{language.name}</strong>
        {language.detected
          ? ", detected from the message."
          : ", your default language: the message does not say clearly which it is."}
      </p>
      {candidates && (
        <div className="rounded-lg border border-zinc-200 p-3 text-sm" data-testid="try-candidates">
          <p className="text-zinc-600">How close your FAQ entries came</p>
          {candidates.length === 0 ? (
            <p className="mt-1 text-zinc-700">None shares words, keywords or meaning with it.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {candidates.map((c) => (
                <li key={c.id} data-testid="try-candidate" className="space-y-1">
                  <div className="flex items-baseline justify-between gap-3">
                    <Link
                      href={`/${slug}/faqs?edit=${c.id}` as Route}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {c.question}
                    </Link>
                    <span
                      className="shrink-0 tabular-nums text-zinc-700"
                      data-testid="try-candidate-score"
                    >
                      {scoreAgainst(c.score, view.threshold)}
                    </span>
                  </div>
                  <ul className="flex flex-wrap gap-1" aria-label="Why it came close">
                    {c.signals.map((s) => (
                      <li
                        key={s}
                        title={SIGNALS[s].hint}
                        data-signal={s}
                        className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700"
                      >
                        {SIGNALS[s].label}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
