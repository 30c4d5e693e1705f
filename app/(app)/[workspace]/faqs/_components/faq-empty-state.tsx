import { Button } from "@/components/ui/button";

type Props = { onAdd: () => void; onImport: () => void };

export function FaqEmptyState({ onAdd, onImport }: Props) {
  return (
    <div
      className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-10 text-center"
      data-testid="faq-empty"
    >
      <h2 className="text-base font-semibold text-zinc-900">Teach the bot its first answers</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-zinc-600">
        Each FAQ is a question your customers ask and the answer you want them to get. When a
        WhatsApp message matches one, even worded differently or with typos, the bot replies with
        your answer at once, before any AI is asked. Keywords help it recognise other wordings;
        priority decides between two close matches.
      </p>
      <div className="mt-5 flex flex-wrap justify-center gap-2">
        <Button onClick={onAdd} data-testid="faq-new">
          Add your first question
        </Button>
        <Button variant="secondary" onClick={onImport} data-testid="faq-import-open">
          Import from CSV or JSON
        </Button>
      </div>
    </div>
  );
}
