import type { UnansweredGroups } from "@/lib/analytics/unanswered-groups";
import { answerThreshold } from "@/lib/bot/faq-match";
import { scoreAgainst, thresholdExplanation } from "@/lib/bot/score-format";
import type { KnowledgeDraft } from "@/lib/knowledge/suggest";
import { Section } from "./figure";
import { GapActions } from "./gap-actions";

const MORE_SHOWN = 3;

/** The questions the bot could not answer, grouped by meaning, each one click from an answer. */
export function UnansweredSection({
  slug,
  unanswered,
  drafts = {},
  timeZone,
  ai,
}: {
  slug: string;
  unanswered: UnansweredGroups;
  /** Passages of the workspace's knowledge that may answer a group, by the group's key. */
  drafts?: Record<string, KnowledgeDraft>;
  timeZone: string;
  /** Whether the AI answers what no entry is sure enough for. */
  ai: boolean;
}) {
  const { groups, by } = unanswered;
  const threshold = answerThreshold(ai);
  return (
    <Section
      title="What to add to the FAQ"
      description={`Questions the bot did not know, grouped when customers asked the same thing (by ${by === "meaning" ? "meaning" : "their words"}). Add them to the entry that nearly matched, or write a new one: the bot answers them from then on. ${thresholdExplanation(threshold, ai)}`}
    >
      {groups.length === 0 ? (
        <p className="text-sm text-zinc-500">
          The bot knew an answer to every question in this period.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100" data-testid="unanswered-groups">
          {groups.map((g) => {
            const others = g.wordings.filter((w) => w !== g.title);
            return (
              <li key={g.key} className="space-y-2 py-3" data-testid="unanswered-question">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-medium text-zinc-900" data-testid="unanswered-example">
                    “{g.title}”
                  </p>
                  <p className="text-xs text-zinc-500">
                    Asked{" "}
                    <span className="font-semibold text-zinc-800" data-testid="unanswered-count">
                      {g.count}
                    </span>{" "}
                    {g.count === 1 ? "time" : "times"} · last{" "}
                    {g.lastAskedAt.toLocaleDateString("en-GB", {
                      day: "numeric",
                      month: "short",
                      timeZone,
                    })}
                  </p>
                </div>
                {others.length > 0 && (
                  <p className="text-sm text-zinc-600" data-testid="unanswered-wordings">
                    Also asked as{" "}
                    {others
                      .slice(0, MORE_SHOWN)
                      .map((w) => `“${w}”`)
                      .join(", ")}
                    {others.length > MORE_SHOWN && ` and ${others.length - MORE_SHOWN} more`}
                  </p>
                )}
                <p className="text-sm text-zinc-600" data-testid="unanswered-near">
                  {g.near ? (
                    <>
                      Nearly matched{" "}
                      <span className="font-medium text-zinc-900">“{g.near.question}”</span> at{" "}
                      {scoreAgainst(g.near.score, threshold)}
                    </>
                  ) : (
                    "No FAQ entry came close."
                  )}
                </p>
                {drafts[g.key] && (
                  <div
                    className="rounded-md border border-sky-100 bg-sky-50 px-3 py-2 text-sm text-sky-950"
                    data-testid="unanswered-knowledge"
                  >
                    <p className="text-xs font-medium text-sky-800">
                      Your knowledge may answer it ({drafts[g.key]?.title}
                      {drafts[g.key]?.heading ? ` · ${drafts[g.key]?.heading}` : ""}):
                    </p>
                    <p className="mt-0.5 line-clamp-3 whitespace-pre-line">{drafts[g.key]?.text}</p>
                  </div>
                )}
                {g.wordings.length > 0 && (
                  <GapActions
                    slug={slug}
                    wordings={g.wordings}
                    near={g.near}
                    draftAnswer={drafts[g.key]?.text ?? null}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
