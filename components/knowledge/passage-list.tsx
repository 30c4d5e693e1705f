import type { UsedPassage } from "@/db/schema";

type Props = { passages: UsedPassage[]; testId?: string; compact?: boolean };

/** The knowledge passages an answer was grounded in: where each came from, and what it said. */
export function PassageList({ passages, testId, compact = false }: Props) {
  return (
    <ul className="space-y-2" data-testid={testId}>
      {passages.map((p) => (
        <li key={p.passageId} className="text-sm" data-testid="used-passage">
          <p className="font-medium text-zinc-800">
            {p.title}
            {p.heading && p.heading !== p.title && (
              <span className="font-normal text-zinc-600"> · {p.heading}</span>
            )}
          </p>
          {p.pageUrl && (
            <a
              href={p.pageUrl}
              target="_blank"
              rel="noreferrer noopener"
              className="break-all text-xs text-brand-700 underline-offset-2 hover:underline"
            >
              {p.pageUrl}
            </a>
          )}
          {!compact && (
            <p className="mt-0.5 line-clamp-3 text-xs whitespace-pre-line text-zinc-600">
              {p.excerpt}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
