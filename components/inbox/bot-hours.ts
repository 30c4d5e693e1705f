import type { HoursNow } from "@/lib/bot/hours-now";

/** What the bot does in a conversation it has (status "bot"), business hours included. */
export function botActivity(hours: HoursNow | null): { chip: string; sentence: string } {
  const back = hours?.back ? ` (${hours.back})` : "";
  if (!hours?.closed) {
    return {
      chip: "Bot is answering",
      sentence: "The bot still answers until someone takes over.",
    };
  }
  if (hours.mode === "closed_only") {
    return {
      chip: "Closed now · bot only says so",
      sentence: `You're closed now, and the bot only tells customers so, once. Questions asked while closed wait here for your team; the bot answers new messages again from opening time${back}, until someone takes over.`,
    };
  }
  return {
    chip: "Closed now · bot is answering",
    sentence: `You're closed now: the bot answers what it can and tells the customer once when a person is back${back}. What it can't answer waits here for your team, without alerting anyone.`,
  };
}
