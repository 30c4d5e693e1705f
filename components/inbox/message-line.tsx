import type { LineBody } from "./message-body";
import type { ThreadMessageJson } from "./message-json";
import { MessageTime } from "./message-time";

function sentence(body: LineBody): string {
  switch (body.kind) {
    case "reaction":
      return body.emoji
        ? `Reacted ${body.emoji} to an earlier message`
        : "Removed a reaction from an earlier message";
    case "edit":
      return body.text ? `Edited a message: ${body.text}` : "Edited a message";
    case "revoke":
      return "Deleted a message";
    case "system":
      return body.text;
  }
}

/**
 * A reaction to a message not on the page, an edit, a deletion or a notice from WhatsApp: told
 * in one small line on the sender's side rather than as a bubble of its own.
 */
export function MessageLine({ message: m, body }: { message: ThreadMessageJson; body: LineBody }) {
  return (
    <p
      className={`flex items-baseline gap-1.5 px-1 text-xs text-zinc-500 ${
        m.direction === "outbound" ? "justify-end" : "justify-start"
      }`}
      data-testid="message-line"
      data-direction={m.direction}
      data-type={m.type}
    >
      <span className="break-words italic">{sentence(body)}</span>
      <span className="shrink-0 text-[0.6875rem]">
        · <MessageTime iso={m.createdAt} />
      </span>
    </p>
  );
}
