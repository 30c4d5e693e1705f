import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import { variablesIn } from "@/lib/templates/rules";
import type { TemplateDraft } from "@/lib/validations/template";

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, key: string) => values[key]?.trim() || whole);

/** The template as the customer's phone shows it, with the examples filled in. */
export function TemplatePreview({ draft }: { draft: TemplateDraft }) {
  const headerVariable =
    draft.header.kind === "text" ? variablesIn(draft.header.text)[0] : undefined;
  return (
    <div className="rounded-xl bg-[#efeae2] p-3" data-testid="template-preview">
      <div className="ml-auto w-fit max-w-[90%] space-y-1 rounded-lg rounded-tr-none bg-[#d9fdd3] px-3 py-2 text-sm text-zinc-900 shadow-sm">
        {draft.header.kind !== "none" && draft.header.kind !== "text" && (
          <p className="rounded bg-zinc-200/70 px-2 py-6 text-center text-xs text-zinc-600">
            {draft.header.kind === "image"
              ? "Picture"
              : draft.header.kind === "video"
                ? "Video"
                : "Document"}{" "}
            chosen when sending
          </p>
        )}
        {draft.header.kind === "text" && draft.header.text && (
          <p className="font-semibold">
            {fill(
              draft.header.text,
              headerVariable ? { [headerVariable]: draft.header.example } : {},
            )}
          </p>
        )}
        <div className="whitespace-pre-wrap break-words">
          {draft.body.trim() ? (
            <WhatsAppText text={fill(draft.body, draft.examples)} />
          ) : (
            <span className="text-zinc-500 italic">The message appears here.</span>
          )}
        </div>
        {draft.footer && <p className="text-xs text-zinc-500">{draft.footer}</p>}
      </div>
      {draft.buttons.length > 0 && (
        <div className="mt-1 ml-auto flex w-fit max-w-[90%] flex-col gap-1">
          {draft.buttons.map((b, i) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: buttons are edited in place
              key={i}
              className="rounded-lg bg-white px-3 py-1.5 text-center text-sm text-sky-700 shadow-sm"
            >
              {b.type === "COPY_CODE" ? "Copy code" : b.text || "(label)"}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
