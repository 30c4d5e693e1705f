import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../client";
import { botSettings, channels, contacts, conversations, messages, workspaces } from "../schema";
import type { BotSettingsRow } from "./bot-settings";
import { faqVersionSql } from "./faqs";
import { contactMessagesUpToSql, replyContextFields, replyContextWhere } from "./replies";

/**
 * How long a run may wait for the conversation: an earlier run may wait out a send's
 * reconciliation window twice, and answer. An earlier message waits its turn no longer than this
 * either, so one whose job was lost does not hold the conversation (the sweep answers it later).
 */
export const leaseWaitLimitMs = (reconcileMs: number) => 2 * reconcileMs + 10 * 60_000;

/**
 * Takes the conversation for the bot's run of one inbound message, or renews it for the same run.
 * Refused while another run holds an unexpired lease, or while an earlier message of the
 * conversation still waits for its answer (so answers go out in the order customers wrote). A job
 * system that interleaves the steps of several runs (Inngest's concurrency counts steps, not runs)
 * still decides and sends one run at a time per conversation.
 */
export async function acquireReplyLease(db: Db, p: LeaseRequest): Promise<boolean> {
  const rows = await leaseUpdate(db, p).returning({ id: conversations.id });
  return rows.length > 0;
}

type LeaseRequest = {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  now: Date;
  ttlMs: number;
  reconcileMs: number;
};

function leaseUpdate(db: Db, p: LeaseRequest) {
  const until = new Date(p.now.getTime() + p.ttlMs);
  return db
    .update(conversations)
    .set({ replyLeaseMessageId: p.messageId, replyLeaseUntil: until })
    .where(
      and(
        eq(conversations.id, p.conversationId),
        eq(conversations.workspaceId, p.workspaceId),
        // Free, ours, expired, or held by a run whose message is finished (it died before giving
        // the conversation back).
        sql`(${conversations.replyLeaseMessageId} is null
          or ${conversations.replyLeaseMessageId} = ${p.messageId}
          or ${conversations.replyLeaseUntil} < ${p.now.toISOString()}::timestamptz
          or not exists (
            select 1 from ${messages} holder
            where holder.id = ${conversations.replyLeaseMessageId}
              and holder.reply_state = 'pending'))`,
        sql`not exists (
          select 1 from ${messages}
          where ${messages.conversationId} = ${p.conversationId}
            and ${messages.workspaceId} = ${p.workspaceId}
            and ${messages.direction} = 'inbound'
            and ${messages.replyState} = 'pending'
            and ${messages.createdAt} > ${new Date(p.now.getTime() - leaseWaitLimitMs(p.reconcileMs)).toISOString()}::timestamptz
            and ${messages.seq} < (select seq from ${messages} where ${messages.id} = ${p.messageId}))`,
        // Only for a message still waiting for its answer.
        sql`exists (
          select 1 from ${messages}
          where ${messages.id} = ${p.messageId}
            and ${messages.workspaceId} = ${p.workspaceId}
            and ${messages.replyState} = 'pending')`,
      ),
    );
}

/**
 * `acquireReplyLease` and, in the same statement, everything the run decides with: the message
 * and its surroundings (as `loadReplyContext` reads them, before the lease), the workspace's bot
 * settings (null before their first use), the customer's messages of the last day up to this one,
 * and the FAQ's fingerprint. Null when the message does not exist.
 */
export async function takeReplyContext(db: Db, p: LeaseRequest) {
  const lease = db.$with("lease").as(leaseUpdate(db, p).returning({ id: conversations.id }));
  const [row] = await db
    .with(lease)
    .select({
      ...replyContextFields,
      taken: sql<boolean>`exists (select 1 from ${lease})`.mapWith(Boolean),
      settings: getTableColumns(botSettings),
      hasSettings: sql<boolean>`${botSettings.workspaceId} is not null`.mapWith(Boolean),
      contactMessagesLastDay: contactMessagesUpToSql({
        workspaceId: p.workspaceId,
        conversationId: sql`${messages.conversationId}`,
        upToSeq: sql`${messages.seq}`,
        now: p.now,
      }),
      faqVersion: faqVersionSql(p.workspaceId),
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(workspaces, eq(workspaces.id, messages.workspaceId))
    .leftJoin(botSettings, eq(botSettings.workspaceId, messages.workspaceId))
    .where(replyContextWhere(p));
  if (!row) return null;
  const { taken, settings, hasSettings, contactMessagesLastDay, faqVersion, ...context } = row;
  return {
    taken,
    context,
    settings: hasSettings ? (settings as BotSettingsRow) : null,
    contactMessagesLastDay,
    faqVersion,
  };
}

/** Gives the conversation back once the run has finished (a lease held by another run stays). */
export async function releaseReplyLease(
  db: Db,
  p: { workspaceId: string; conversationId: string; messageId: string },
) {
  await db
    .update(conversations)
    .set({ replyLeaseMessageId: null, replyLeaseUntil: null })
    .where(
      and(
        eq(conversations.id, p.conversationId),
        eq(conversations.workspaceId, p.workspaceId),
        eq(conversations.replyLeaseMessageId, p.messageId),
      ),
    );
}
