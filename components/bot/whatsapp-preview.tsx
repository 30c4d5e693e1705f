import type { ReactNode } from "react";
import { parseWhatsApp, type WhatsAppNode } from "./whatsapp-format";

const STYLES = { bold: "strong", italic: "em", strike: "s" } as const;

function render(nodes: WhatsAppNode[], prefix = ""): ReactNode[] {
  return nodes.map((node, i) => {
    const key = `${prefix}${i}`;
    if (node.type === "text") return node.text;
    if (node.type === "break") return <br key={key} />;
    if (node.type === "link") {
      return (
        <span key={key} className="break-all text-sky-700 underline">
          {node.text}
        </span>
      );
    }
    if (node.type === "mono") {
      return (
        <code key={key} className="font-mono text-[0.8125rem]">
          {node.text}
        </code>
      );
    }
    const Tag = STYLES[node.type];
    return <Tag key={key}>{render(node.children, `${key}.`)}</Tag>;
  });
}

/** Text with WhatsApp's formatting applied, built as elements: the text is never read as HTML. */
export function WhatsAppText({ text }: { text: string }) {
  return <>{render(parseWhatsApp(text))}</>;
}

type Props = {
  text: string;
  /** Shown in the bubble while there is no text yet. */
  placeholder?: string;
  testId?: string;
};

/** A message as the customer's phone shows it: a chat bubble from the business. */
export function WhatsAppPreview({
  text,
  placeholder = "The answer appears here as customers will see it.",
  testId = "whatsapp-preview",
}: Props) {
  return (
    <div className="rounded-xl bg-[#efeae2] p-3" data-testid={testId}>
      <div className="ml-auto w-fit max-w-[90%] rounded-lg rounded-tr-none bg-[#d9fdd3] px-3 py-2 text-sm leading-snug text-zinc-900 shadow-sm">
        {text.trim() ? (
          <div className="whitespace-pre-wrap break-words">
            <WhatsAppText text={text} />
          </div>
        ) : (
          <p className="text-zinc-500 italic">{placeholder}</p>
        )}
      </div>
    </div>
  );
}
