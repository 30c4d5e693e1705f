import type { Route } from "next";
import Link from "next/link";
import type { UnansweredQuestion } from "@/db/queries/analytics/unanswered-questions";
import { FAQ_LIMITS } from "@/lib/validations/faq";
import { Section } from "./figure";

/** The questions the bot could not answer, most asked first, each one click from a new FAQ. */
export function UnansweredSection({
  slug,
  questions,
  timeZone,
}: {
  slug: string;
  questions: UnansweredQuestion[];
  timeZone: string;
}) {
  return (
    <Section
      title="What to add to the FAQ"
      description="Questions the bot did not know, grouped when customers asked the same thing. Add an answer once and the bot gives it from then on."
    >
      {questions.length === 0 ? (
        <p className="text-sm text-zinc-500">
          The bot knew an answer to every question in this period.
        </p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Question</th>
              <th className="py-1 text-right font-medium">Asked</th>
              <th className="hidden py-1 text-right font-medium md:table-cell">Last asked</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {questions.map((q) => (
              <tr key={q.normalized} data-testid="unanswered-question">
                <td className="py-2 pr-3 text-zinc-900">{q.example}</td>
                <td className="py-2 text-right tabular-nums" data-testid="unanswered-count">
                  {q.count}
                </td>
                <td className="hidden py-2 text-right text-zinc-500 md:table-cell">
                  {q.lastAskedAt.toLocaleDateString("en-GB", {
                    day: "numeric",
                    month: "short",
                    timeZone,
                  })}
                </td>
                <td className="py-2 pl-3 text-right">
                  <Link
                    href={
                      `/${slug}/faqs?${new URLSearchParams({ new: q.example.slice(0, FAQ_LIMITS.questionMax) })}` as Route
                    }
                    className="whitespace-nowrap rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-50"
                  >
                    Add as FAQ
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
