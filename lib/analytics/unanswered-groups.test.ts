import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { upsertFaqs } from "@/db/queries/faqs";
import { channels } from "@/db/schema";
import { getReplyDeps } from "@/lib/bot/deps";
import { syncFaqEmbeddings } from "@/lib/bot/semantic";
import { addWorkspaceFaqExamples, createWorkspaceFaq } from "@/lib/faqs/manage-faqs";
import { local, thread } from "@/lib/testing/analytics-fixture";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { uniquePhoneNumberId } from "@/lib/testing/fixtures";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { contextAs, seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";
import { GROUPING_WINDOW, readUnansweredGroups } from "./unanswered-groups";

const HOURS = {
  question: "What are your opening hours?",
  answer: "Mon-Sat 9:00-18:00, Sunday 10:00-14:00.",
  keywords: ["hours", "open"],
};
const PARKING = {
  question: "Is there parking nearby?",
  answer: "Free parking at Rua Augusta 12.",
  keywords: ["parking"],
};
const RANGE = {
  from: local("2026-03-01T00:00:00"),
  to: local("2026-03-08T00:00:00"),
  timeZone: "America/Sao_Paulo",
};

describe.each(testDatabaseKinds)("unanswered questions grouped on %s", (kind) => {
  let h: ReplyHarness;
  let customers = 0;
  beforeAll(async () => {
    h = await startReplyHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.ai1.setEmbeddings({ kind: "hashed" });
  });

  async function shop(name: string, aiEnabled: boolean) {
    const owner = await seedUser(h.db, `owner-${name}`);
    const ws = await createOwnedWorkspace(h.db, { name, userId: owner.id });
    const [channel] = await h.db
      .insert(channels)
      .values({ workspaceId: ws.id, phoneNumberId: uniquePhoneNumberId() })
      .returning({ id: channels.id });
    await upsertBotSettings(h.db, { workspaceId: ws.id, aiEnabled });
    await upsertFaqs(h.db, { workspaceId: ws.id, faqs: [HOURS, PARKING] });
    const ctx = await contextAs(h.db, owner, ws.slug, "bot.manage");
    /** A new customer asks each question on Monday; the bot hands each off unanswered. */
    const unanswered = async (...questions: string[]) => {
      customers += 1;
      const t = await thread(
        h.db,
        { workspaceId: ws.id, channelId: channel?.id ?? "" },
        { waId: `55119${String(customers).padStart(8, "0")}`, name: `Customer ${customers}` },
        local("2026-03-02T09:00:00"),
      );
      for (const [i, q] of questions.entries()) {
        const at = (n: number) => String(n).padStart(2, "0");
        const time = `2026-03-02T09:${at(Math.floor(i / 60))}:${at(i % 60)}`;
        await t.escalate(time, await t.in(time, q), "unanswered");
      }
    };
    const groups = async () =>
      readUnansweredGroups(await getReplyDeps(), { ...RANGE, workspaceId: ws.id, limit: 20 });
    return { ws, ctx, unanswered, groups };
  }

  it("groups by shared topic words without embeddings, naming the entry that nearly matched", async () => {
    const s = await shop("Lexical Shop", false);
    await s.unanswered("When do you open on Sunday?", "Do you sell gift cards?");
    await s.unanswered("when do you open on sunday", "Sunday opening times?");
    await s.unanswered("gift cards available?", "Can I bring my dog?");
    const { by, groups } = await s.groups();
    expect(by).toBe("words");
    expect(groups.map((g) => [g.count, g.wordings])).toEqual([
      // Of two wordings with the same words, the latest asked shows.
      [3, ["When do you open on Sunday?", "Sunday opening times?"]],
      [2, ["Do you sell gift cards?", "gift cards available?"]],
      [1, ["Can I bring my dog?"]],
    ]);
    expect(groups[0]?.near).toMatchObject({ question: HOURS.question });
    expect(groups[0]?.near?.score).toBeGreaterThan(0);
    expect(groups[0]?.near?.score).toBeLessThanOrEqual(1);
  });

  it("adds a group to the entry that nearly matched, and the group leaves the list", async () => {
    const s = await shop("Close Gap Shop", false);
    await s.unanswered("When do you open on Sunday?", "Sunday opening times?");
    await s.unanswered("Can I bring my dog?");
    const [sunday] = (await s.groups()).groups;
    if (!sunday?.near) throw new Error("no near entry");
    const added = await addWorkspaceFaqExamples(s.ctx, {
      id: sunday.near.id,
      examples: sunday.wordings,
    });
    expect(added).toEqual({ ok: true, data: { added: sunday.wordings, full: 0 } });
    // Added twice: nothing new.
    expect(
      await addWorkspaceFaqExamples(s.ctx, { id: sunday.near.id, examples: sunday.wordings }),
    ).toEqual({ ok: true, data: { added: [], full: 0 } });
    expect((await s.groups()).groups.map((g) => g.wordings)).toEqual([["Can I bring my dog?"]]);

    // A new entry written from a group (its first wording the question, the others examples)
    // handles the group too.
    const [dog] = (await s.groups()).groups;
    const created = await createWorkspaceFaq(s.ctx, {
      question: dog?.wordings[0] ?? "",
      answer: "Dogs are welcome.",
      keywords: [],
      examples: dog?.wordings.slice(1) ?? [],
      priority: 0,
      active: true,
    });
    expect(created.ok).toBe(true);
    expect((await s.groups()).groups).toEqual([]);

    // Another workspace's entry is not found, and nothing is written to it.
    const other = await shop("Other Gap Shop", false);
    expect(
      await addWorkspaceFaqExamples(other.ctx, { id: sunday.near.id, examples: ["dogs?"] }),
    ).toMatchObject({ ok: false, code: "not_found" });
  });

  it("offers a customer's message as a wording FAQ entries accept", async () => {
    const s = await shop("Odd Wordings Shop", false);
    await s.unanswered("gift card | voucher?", `gift cards ${"please ".repeat(50)}`);
    const [gift] = (await s.groups()).groups;
    expect(gift?.count).toBe(2);
    // The latest asked comes first, shown clipped; too long to be a wording, it is not offered.
    expect(gift?.title).toMatch(/^gift cards please please .*…$/);
    expect(gift?.title).toHaveLength(301);
    expect(gift?.wordings).toEqual(["gift card / voucher?"]);
  });

  it("adds no more wordings than an entry holds", async () => {
    const s = await shop("Full Entry Shop", false);
    const [first] = (await s.groups()).groups;
    expect(first).toBeUndefined();
    await s.unanswered("opening hours on sunday?");
    const [sunday] = (await s.groups()).groups;
    if (!sunday?.near) throw new Error("no near entry");
    const many = Array.from({ length: 19 }, (_, i) => `when are you open, take ${i}?`);
    await addWorkspaceFaqExamples(s.ctx, { id: sunday.near.id, examples: many });
    expect(
      await addWorkspaceFaqExamples(s.ctx, {
        id: sunday.near.id,
        examples: ["open on sunday?", "open on monday?"],
      }),
    ).toEqual({ ok: true, data: { added: ["open on sunday?"], full: 1 } });
  });

  it("groups by meaning with embeddings, across languages", async () => {
    h.ai1.setEmbeddings({
      kind: "hashed",
      sameAs: { "¿abren el domingo?": "when do you open on sunday" },
    });
    const s = await shop("Semantic Shop", true);
    await syncFaqEmbeddings(await getReplyDeps(), s.ws.id);
    await s.unanswered("when do you open on sunday", "¿abren el domingo?");
    await s.unanswered("Can I bring my dog?");
    const { by, groups } = await s.groups();
    expect(by).toBe("meaning");
    expect(groups.map((g) => g.wordings)).toEqual([
      ["¿abren el domingo?", "when do you open on sunday"],
      ["Can I bring my dog?"],
    ]);
  });

  it("falls back to words when embedding the questions fails", async () => {
    const s = await shop("Failing Embeddings Shop", true);
    await syncFaqEmbeddings(await getReplyDeps(), s.ws.id);
    h.ai1.setEmbeddings({ kind: "error", status: 500 });
    await s.unanswered("Do you deliver to Niterói?", "deliver to niteroi");
    const { by, groups } = await s.groups();
    expect(by).toBe("words");
    expect(groups).toHaveLength(1);
  });

  it(`reads only the latest ${GROUPING_WINDOW} distinct questions`, async () => {
    const s = await shop("Busy Shop", false);
    await s.unanswered(...Array.from({ length: GROUPING_WINDOW + 20 }, (_, i) => `question ${i}`));
    const { groups } = await s.groups();
    const seen = groups.flatMap((g) => g.wordings);
    expect(seen).not.toContain("question 0");
  });
});
