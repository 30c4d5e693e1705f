import type { Route } from "next";
import Link from "next/link";
import { PassageList } from "@/components/knowledge/passage-list";
import { Notice } from "@/components/ui/notice";
import {
  formatScore,
  formatThreshold,
  scoreAgainst,
  thresholdExplanation,
} from "@/lib/bot/score-format";
import type { TryView } from "@/lib/bot/try-bot";
import { type AddWording, TryItAddQuestion } from "./try-it-add-question";
import { TryItCandidates } from "./try-it-candidates";

type Props = { slug: string; question: string; view: TryView; addWording: AddWording };

const link = "font-medium text-brand-700 underline-offset-2 hover:underline";

function dollars(micros: number | null): string {
  if (micros === null) return "unknown for this model";
  return `about $${(micros / 1_000_000).toFixed(micros < 10_000 ? 6 : 4)}`;
}

/** Why the bot did what it did: the FAQ and its score, the AI's cost, or the rule that stopped it. */
export function TryItWhy({ slug, question, view, addWording }: Props) {
  const faqsPage = `/${slug}/faqs`;
  const answered = view.outcome !== "stopped" && view.outcome !== "notice";
  // A greeting or thanks is not stopped: it needs no FAQ, and gets a short reply or none.
  const smallTalk = view.outcome === "small_talk";
  return (
    <section aria-label="Why" className="space-y-4" data-testid="try-why">
      <h2 className="text-sm font-semibold text-zinc-900">Why</h2>

      {view.rule && smallTalk ? (
        <div className="rounded-lg border border-zinc-200 p-3 text-sm" data-testid="try-rule">
          <p className="font-medium text-zinc-900">
            {view.replies.length > 0
              ? "A greeting reply: small talk, no FAQ needed"
              : "Small talk: no reply needed"}
          </p>
          <p className="mt-1 text-zinc-700" data-reason={view.rule.reason}>
            {view.rule.explanation}
          </p>
        </div>
      ) : (
        view.rule && (
          <Notice
            tone="warning"
            title={answered ? "Not sent yet" : "What stopped the answer"}
            testId="try-rule"
          >
            <p data-reason={view.rule.reason}>{view.rule.explanation}</p>
          </Notice>
        )
      )}

      {view.faq && (
        <div className="rounded-lg border border-zinc-200 p-3 text-sm" data-testid="try-faq-score">
          <p className="text-zinc-600">Matched FAQ</p>
          <p className="font-medium text-zinc-900">{view.faq.question}</p>
          <p className="mt-1 text-zinc-700">
            {view.faq.score === null ? (
              "The AI picked it from the entries it was shown."
            ) : (
              <>
                Matched at <strong>{formatScore(view.faq.score)}</strong> (needs{" "}
                {formatThreshold(view.threshold)}).
              </>
            )}
          </p>
          <Link href={`${faqsPage}?edit=${view.faq.id}` as Route} className={link}>
            Edit this FAQ
          </Link>
        </div>
      )}

      <TryItCandidates slug={slug} view={view} />

      {(view.faq || view.near) && (
        <p className="text-sm text-zinc-600" data-testid="try-threshold">
          {thresholdExplanation(view.threshold, view.aiAnswers)}
        </p>
      )}

      {view.ai && (
        <dl
          className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-zinc-200 p-3 text-sm"
          data-testid="try-ai-model"
        >
          <dt className="text-zinc-600">Model</dt>
          <dd className="font-medium">{view.ai.model}</dd>
          <dt className="text-zinc-600">Provider</dt>
          <dd>{view.ai.provider}</dd>
          <dt className="text-zinc-600">Tokens</dt>
          <dd>
            {view.ai.promptTokens} in, {view.ai.completionTokens} out
          </dd>
          <dt className="text-zinc-600">Estimated cost</dt>
          <dd>{dollars(view.ai.costMicros)}</dd>
          <dt className="text-zinc-600">Time</dt>
          <dd>{(view.ai.latencyMs / 1000).toFixed(1)} s</dd>
        </dl>
      )}

      {view.knowledge && view.knowledge.length > 0 && (
        <div className="rounded-lg border border-zinc-200 p-3" data-testid="try-knowledge">
          <p className="mb-2 text-sm text-zinc-600">
            The AI was shown these passages from your{" "}
            <Link href={`/${slug}/knowledge` as Route} className={link}>
              knowledge
            </Link>
            :
          </p>
          <PassageList passages={view.knowledge} />
        </div>
      )}

      {view.near && (
        <div className="rounded-lg border border-zinc-200 p-3 text-sm" data-testid="try-near">
          {view.candidates ? (
            <p className="text-zinc-600">No FAQ entry scored enough to answer by itself.</p>
          ) : view.near.length > 0 ? (
            <>
              <p className="text-zinc-600">No FAQ matched. The closest:</p>
              <ul className="mt-1 space-y-1">
                {view.near.map((n) => (
                  <li key={n.id} className="flex items-baseline justify-between gap-3">
                    <Link href={`${faqsPage}?edit=${n.id}` as Route} className={link}>
                      {n.question}
                    </Link>
                    <span className="shrink-0 tabular-nums text-zinc-600">
                      {scoreAgainst(n.score, view.threshold)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-zinc-600">No FAQ is close to this question.</p>
          )}
          <TryItAddQuestion slug={slug} question={question} view={view} addWording={addWording} />
        </div>
      )}

      <div>
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
          How the bot decided
        </h3>
        <ol
          className="mt-2 list-decimal space-y-1 pl-5 text-sm text-zinc-700"
          data-testid="try-steps"
        >
          {view.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </div>
    </section>
  );
}
