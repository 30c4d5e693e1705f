import type { SignupChannelSummary } from "@/lib/onboarding/types";

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });

export function ConnectedSummary({ channel }: { channel: SignupChannelSummary }) {
  return (
    <section
      data-testid="signup-connected"
      className="rounded-lg border border-brand-100 bg-brand-50 px-4 py-4 text-sm text-zinc-800"
    >
      <h3 className="font-semibold text-brand-700">Your number is connected</h3>
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
