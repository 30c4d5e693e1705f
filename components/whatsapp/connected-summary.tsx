import type { SignupChannelSummary } from "@/lib/onboarding/types";

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });

export function ConnectedSummary({ channel }: { channel: SignupChannelSummary }) {
  // Saved with working access, but WhatsApp has not registered it: not connected yet.
  const unregistered = channel.status === "pending";
  return (
    <section
      data-testid="signup-connected"
      data-status={channel.status}
      className={`rounded-lg border px-4 py-4 text-sm text-zinc-800 ${unregistered ? "border-amber-200 bg-amber-50" : "border-brand-100 bg-brand-50"}`}
    >
      <h3 className={`font-semibold ${unregistered ? "text-amber-900" : "text-brand-700"}`}>
        {unregistered
          ? "Your number is saved, but not registered with WhatsApp Cloud API yet"
          : "Your number is connected"}
      </h3>
      {unregistered && (
        <p className="mt-1">
          Replies can&apos;t be sent until it is registered. Register it on the number&apos;s card
          above: it takes a few seconds.
        </p>
      )}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-zinc-500">Number</dt>
        <dd className="font-medium">{channel.displayPhoneNumber ?? channel.phoneNumberId}</dd>
        {channel.verifiedName && (
          <>
            <dt className="text-zinc-500">Display name</dt>
            <dd>{channel.verifiedName}</dd>
          </>
        )}
        {channel.qualityRating && (
          <>
            <dt className="text-zinc-500">Quality rating</dt>
            <dd>{channel.qualityRating}</dd>
          </>
        )}
        <dt className="text-zinc-500">Access</dt>
        <dd>
          {channel.tokenExpiresAt
            ? `Valid until ${day(channel.tokenExpiresAt)}`
            : "Does not expire"}
        </dd>
      </dl>
    </section>
  );
}
