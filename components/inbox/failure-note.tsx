import { describeFailure } from "@/lib/whatsapp/failure-reasons";

type Props = { code: number | null; details: string | null };

/** Under a message WhatsApp did not deliver: why, what to do, and Meta's own words. */
export function FailureNote({ code, details }: Props) {
  const reason = describeFailure(code, details);
  const own = details?.trim();
  return (
    <div className="mt-2 border-t border-red-200 pt-1.5 text-xs" data-testid="delivery-failure">
      <p className="flex items-center gap-1 font-semibold text-red-700">
        <svg
          viewBox="0 0 12 12"
          className="h-3 w-3"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          strokeLinecap="round"
          aria-hidden="true"
        >
          <circle cx="6" cy="6" r="5" />
          <path d="M6 3.25v3.25M6 8.6v.15" />
        </svg>
        Not delivered
      </p>
      <p className="mt-0.5 font-medium text-zinc-900">{reason.title}</p>
      <p className="mt-0.5 text-zinc-700">{reason.advice}</p>
      {own && own !== reason.advice && (
        <p className="mt-1 break-words text-zinc-500">
          WhatsApp said{code !== null && ` (code ${code})`}: {own}
        </p>
      )}
    </div>
  );
}
