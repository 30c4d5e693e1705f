import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { getBotSettings } from "@/db/queries/bot-settings";
import { getFaq, searchFaqs } from "@/db/queries/faqs";
import { requireWorkspace } from "@/lib/auth/workspace";
import { replyAiConfig } from "@/lib/bot/deps";
import { answerThreshold } from "@/lib/bot/faq-match";
import { thresholdExplanation } from "@/lib/bot/score-format";
import { aiAnswers } from "@/lib/bot/workspace-providers";
import { getKeyring } from "@/lib/crypto";
import { describeWhen } from "@/lib/format/when";
import { faqListQuerySchema } from "@/lib/validations/faq";
import { FaqList } from "./_components/faq-list";
import { FaqToolbar } from "./_components/faq-toolbar";

export const metadata: Metadata = { title: "FAQ" };

const PAGE_SIZE = 50;

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function FaqsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "bot.manage");
  const {
    q,
    sort,
    page,
    edit,
    new: newQuestion,
    example: newExamples,
    answer: newAnswer,
  } = faqListQuerySchema.parse(await searchParams);
  const workspaceId = ctx.workspace.id;
  const [{ rows, total, matching }, editing, settings] = await Promise.all([
    searchFaqs(ctx.db, { workspaceId, q, sort, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    edit ? getFaq(ctx.db, { workspaceId, id: edit }) : null,
    getBotSettings(ctx.db, workspaceId),
  ]);
  const ai = aiAnswers({ ai: replyAiConfig(), keyring: getKeyring() }, settings);
  const now = new Date();
  const faqs = rows.map(({ lastMatchedAt, createdAt: _created, ...faq }) => ({
    ...faq,
    lastMatched: lastMatchedAt ? describeWhen(lastMatchedAt, now) : "never",
  }));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">FAQ</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          The questions the bot answers by itself, with your words. A customer&apos;s message that
          matches one gets its answer at once; the rest go to the AI, or to a person.
        </p>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600" data-testid="faq-threshold">
          {thresholdExplanation(answerThreshold(ai), ai)}
        </p>
      </div>
      {edit && !editing && (
        <Notice tone="warning">The FAQ you followed a link to no longer exists.</Notice>
      )}
      <FaqToolbar
        slug={slug}
        empty={total === 0}
        q={q}
        sort={sort}
        editing={
          editing && {
            id: editing.id,
            question: editing.question,
            answer: editing.answer,
            keywords: editing.keywords,
            examples: editing.examples,
            priority: editing.priority,
            active: editing.active,
          }
        }
        newQuestion={newQuestion ?? null}
        newExamples={newExamples}
        newAnswer={newAnswer ?? null}
      />
      {total > 0 && (
        <section className="rounded-xl border border-zinc-200 bg-white px-5 py-4 shadow-sm">
          <FaqList
            slug={slug}
            faqs={faqs}
            q={q}
            sort={sort}
            page={page}
            pageSize={PAGE_SIZE}
            matching={matching}
            total={total}
          />
        </section>
      )}
    </div>
  );
}
