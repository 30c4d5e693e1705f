import { type MetaMessagingCost, metaMessagingCost } from "@/lib/pricing/meta-cost";
import { readRateTable } from "@/lib/pricing/read-rate-table";
import type { Database } from "../../client";
import { type ActiveContacts, activeContacts } from "./active-contacts";
import { type CostlyConversation, topConversationsByCost } from "./ai-top-conversations";
import { type AiUsage, aiUsage } from "./ai-usage";
import { type AnswerSources, answerSources } from "./answer-sources";
import { busiestHours, type HourCell } from "./busiest-hours";
import { type ConversationsStartedDay, conversationsStarted } from "./conversations-started";
import { type Csat, csatFigures } from "./csat";
import { type DeliveryFunnel, deliveryFunnel } from "./delivery";
import { type Handoffs, handoffs } from "./handoffs";
import { type MessageVolumeDay, messageVolume } from "./message-volume";
import { metaMessageCounts } from "./meta-messaging";
import { optOuts } from "./opt-outs";
import type { AnalyticsRange } from "./range";
import { type FirstResponseTimes, firstResponseTimes } from "./response-times";
import { type TranscriptionUsage, transcriptionUsage } from "./transcription-usage";
import { type UnansweredQuestion, unansweredQuestions } from "./unanswered-questions";

export type AnalyticsReport = {
  messages: MessageVolumeDay[];
  conversationsStarted: ConversationsStartedDay[];
  activeContacts: ActiveContacts;
  answers: AnswerSources;
  unansweredQuestions: UnansweredQuestion[];
  responseTimes: FirstResponseTimes;
  aiUsage: AiUsage;
  /** Voice notes transcribed for the bot, with their own per-minute cost. */
  transcription: TranscriptionUsage;
  costlyConversations: CostlyConversation[];
  /** Meta's charge for the messages sent, estimated from the rate table in force. */
  metaMessaging: MetaMessagingCost;
  delivery: DeliveryFunnel;
  handoffs: Handoffs;
  optOuts: { optedOut: number; optedIn: number };
  busiestHours: HourCell[];
  /** Customers' ratings of closed conversations, overall and per agent. */
  csat: Csat;
};

export type ReportParams = AnalyticsRange & {
  /** How many unanswered questions and costly conversations to list. */
  unansweredLimit?: number;
  costlyLimit?: number;
};

/**
 * Every figure of the analytics page over one range, read from one snapshot so they agree with
 * each other (the replies counted by source are the outbound messages counted per day).
 */
export async function readAnalytics(db: Database, p: ReportParams): Promise<AnalyticsReport> {
  const { unansweredLimit = 20, costlyLimit = 10, ...range } = p;
  return db.transaction(
    async (tx) => ({
      messages: await messageVolume(tx, range),
      conversationsStarted: await conversationsStarted(tx, range),
      activeContacts: await activeContacts(tx, range),
      answers: await answerSources(tx, range),
      unansweredQuestions: await unansweredQuestions(tx, { ...range, limit: unansweredLimit }),
      responseTimes: await firstResponseTimes(tx, range),
      aiUsage: await aiUsage(tx, range),
      transcription: await transcriptionUsage(tx, range),
      costlyConversations: await topConversationsByCost(tx, { ...range, limit: costlyLimit }),
      metaMessaging: metaMessagingCost(await metaMessageCounts(tx, range), await readRateTable(tx)),
      delivery: await deliveryFunnel(tx, range),
      handoffs: await handoffs(tx, range),
      optOuts: await optOuts(tx, range),
      busiestHours: await busiestHours(tx, range),
      csat: await csatFigures(tx, range),
    }),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
