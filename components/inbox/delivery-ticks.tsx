import type { ThreadMessageJson } from "./message-json";

type Status = ThreadMessageJson["status"];

const LABELS: Partial<Record<Status, string>> = {
  pending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  played: "Played",
};

function Tick({ x = 0 }: { x?: number }) {
  return <path d={`M${1 + x} 6.5l3 3 6.5-7`} />;
}

/** WhatsApp's marks for an outbound message: a clock, then one, two and two blue ticks. */
export function DeliveryTicks({ status }: { status: Status }) {
  const label = LABELS[status];
  if (!label) return null;
  const blue = status === "read" || status === "played";
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      data-testid="delivery-ticks"
      className={blue ? "text-sky-500" : "text-zinc-400"}
    >
      <svg
        viewBox={status === "pending" ? "0 0 12 12" : "0 0 16 12"}
        className={status === "pending" ? "h-3 w-3" : "h-3 w-4"}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        {status === "pending" ? (
          <>
            <circle cx="6" cy="6" r="5" />
            <path d="M6 3.5V6l1.75 1.25" />
          </>
        ) : (
          <>
            <Tick />
            {status !== "sent" && <Tick x={4} />}
          </>
        )}
      </svg>
    </span>
  );
}
