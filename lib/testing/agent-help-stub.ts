import { FRIENDLIER_TASK, SUGGEST_TASK, SUMMARY_TASK, TRANSLATE_TASK } from "@/lib/ai/agent-help";

/** A draft holding this makes the stub answer the rewrite with a provider error (HTTP 503). */
export const STUB_FAIL_MARKER = "[stub: fail]";

type Message = { role: string; content: string };

const linesOf = (text: string, speaker: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith(`${speaker}: `))
    .map((l) => l.slice(speaker.length + 2));

/**
 * How the offline stub plays the inbox's AI help, from what it was sent: a suggestion built on the
 * first FAQ answer it was shown, a summary quoting the conversation, a translation marked with its
 * language, a friendlier draft. Null for any other request.
 */
export function agentHelpAnswer(
  messages: Message[],
): { kind: "text"; text: string } | { kind: "error" } | null {
  const system = messages[0]?.content ?? "";
  const user = messages.at(-1)?.content ?? "";
  if (system.startsWith(SUGGEST_TASK)) {
    const question = linesOf(user, "Customer").at(-1) ?? "";
    const answer = /^ {2}A: (.+)$/m.exec(system)?.[1];
    return {
      kind: "text",
      text: answer ? `Hi! ${answer}` : `Hi! About "${question}": let me check that for you.`,
    };
  }
  if (system.startsWith(SUMMARY_TASK)) {
    const customer = linesOf(user, "Customer");
    const bot = linesOf(user, "Bot");
    const text = JSON.stringify({
      wants: `The customer wrote: "${customer.at(-1) ?? ""}"`,
      botSaid: bot.length > 0 ? `The bot replied: "${bot.at(-1)}"` : "Nothing yet.",
      openQuestions: `Whether "${customer[0] ?? ""}" is answered.`,
    });
    return { kind: "text", text };
  }
  if (system.startsWith(TRANSLATE_TASK) || system.startsWith(FRIENDLIER_TASK)) {
    if (user.includes(STUB_FAIL_MARKER)) return { kind: "error" };
    if (system.startsWith(FRIENDLIER_TASK)) {
      return { kind: "text", text: `Hi there! ${user} Thanks so much for your patience!` };
    }
    const language = /Translate it into ([^,]+),/.exec(system)?.[1] ?? "?";
    return { kind: "text", text: `[${language}] ${user}` };
  }
  return null;
}
