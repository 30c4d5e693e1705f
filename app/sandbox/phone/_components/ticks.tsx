type Status = "sent" | "delivered" | "read" | "failed";

const LABEL: Record<Status, string> = {
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Not delivered",
};

// WhatsApp's ticks: one grey (sent), two grey (delivered), two blue (read), or a red mark.
export function Ticks({ status }: { status: Status }) {
  if (status === "failed") {
    return (
      <span
        role="img"
        title={LABEL.failed}
        aria-label={LABEL.failed}
        className="text-xs font-bold text-red-600"
      >
        !
      </span>
    );
  }
  return (
    <span
      role="img"
      title={LABEL[status]}
      aria-label={LABEL[status]}
      data-status={status}
      className={`text-xs tracking-[-0.35em] ${status === "read" ? "text-sky-500" : "text-zinc-400"}`}
    >
      {status === "sent" ? "✓" : "✓✓"}
    </span>
  );
}
