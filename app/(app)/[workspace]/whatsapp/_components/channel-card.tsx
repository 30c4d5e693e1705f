import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Notice } from "@/components/ui/notice";
import type { WorkspaceChannel } from "@/db/queries/channels";
import { ChannelActions } from "./channel-actions";
import type { ConnectMeta } from "./connect-panel";
import { RegisterNumber } from "./register-number";

type Props = {
  slug: string;
  channel: WorkspaceChannel;
  webhookUrl: string;
  verifyToken: string | null;
  meta: ConnectMeta;
};

const STATUS = {
  connected: { label: "Connected", className: "bg-brand-100 text-brand-700" },
  pending: { label: "Not finished", className: "bg-zinc-100 text-zinc-700" },
  needs_reauth: { label: "Needs re-authorization", className: "bg-red-100 text-red-800" },
  disconnected: { label: "Disconnected", className: "bg-zinc-200 text-zinc-700" },
} as const;

const QUALITY: Record<string, string> = {
  GREEN: "High",
  YELLOW: "Medium",
  RED: "Low",
};

const day = (d: Date) =>
  d.toLocaleDateString("en", { day: "numeric", month: "long", year: "numeric" });

function TokenExpiry({ expiresAt }: { expiresAt: Date | null }) {
  if (!expiresAt) return <>Does not expire</>;
  const days = Math.ceil((expiresAt.getTime() - Date.now()) / 86_400_000);
  if (days <= 0)
    return <span className="font-medium text-red-700">Expired on {day(expiresAt)}</span>;
  return (
    <span className={days <= 14 ? "font-medium text-amber-800" : undefined}>
      Until {day(expiresAt)} ({days} days)
    </span>
  );
}

const NOT_REGISTERED = { label: "Not registered", className: "bg-amber-100 text-amber-900" };

/** One connected number: what Meta reports, what to paste into Meta, and what to do next. */
export function ChannelCard({ slug, channel, webhookUrl, verifyToken, meta }: Props) {
  // Pending with working access: saved, but WhatsApp has not registered it for the Cloud API.
  const unregistered = channel.status === "pending" && channel.hasAccessToken;
  const status = unregistered ? NOT_REGISTERED : STATUS[channel.status];
  const quality = channel.qualityRating
    ? (QUALITY[channel.qualityRating] ?? channel.qualityRating)
    : null;
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2" data-testid="channel-number">
          {channel.displayPhoneNumber ?? channel.phoneNumberId}
          <span
            data-testid="channel-status"
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${status.className}`}
          >
            {status.label}
          </span>
        </span>
      }
      description={channel.verifiedName ? `Customers see “${channel.verifiedName}”` : undefined}
    >
      <div
        className="space-y-5"
        data-testid="channel-card"
        data-phone-number-id={channel.phoneNumberId}
      >
        {unregistered ? (
          <>
            <Notice
              tone="warning"
              testId="channel-status-reason"
              title={channel.statusReason ?? "Not registered with WhatsApp Cloud API yet."}
            >
              Until it is, Parley can&apos;t send anything from it: no answers from the bot, no
              replies from the inbox. Register it below.
            </Notice>
            <RegisterNumber slug={slug} channelId={channel.id} />
          </>
        ) : (
          channel.status !== "connected" &&
          channel.statusReason && (
            <Notice tone="error" testId="channel-status-reason">
              {channel.statusReason}
            </Notice>
          )
        )}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-zinc-500">Phone number id</dt>
          <dd className="font-mono" data-testid="channel-phone-number-id">
            {channel.phoneNumberId}
          </dd>
          {channel.wabaId && (
            <>
              <dt className="text-zinc-500">WhatsApp Business account</dt>
              <dd className="font-mono" data-testid="channel-waba-id">
                {channel.wabaId}
              </dd>
            </>
          )}
          <dt className="text-zinc-500">Quality rating</dt>
          <dd>{quality ?? "Not reported yet"}</dd>
          <dt className="text-zinc-500">Access granted</dt>
          <dd>
            <TokenExpiry expiresAt={channel.tokenExpiresAt} />
          </dd>
          {channel.connectedAt && channel.status === "connected" && (
            <>
              <dt className="text-zinc-500">Connected</dt>
              <dd>{day(channel.connectedAt)}</dd>
            </>
          )}
        </dl>
        <div className="space-y-3 rounded-lg bg-zinc-50 p-4">
          <p className="text-sm text-zinc-700">
            Meta delivers this number&apos;s messages to Parley at the address below; connecting set
            that up. Keep these at hand if Meta support asks for your webhook.
          </p>
          <div className="space-y-1">
            <p className="text-xs font-medium text-zinc-600">Callback URL</p>
            <CopyField value={webhookUrl} label="Callback URL" testId="webhook-url" />
          </div>
          {verifyToken && (
            <div className="space-y-1">
              <p className="text-xs font-medium text-zinc-600">Verify token</p>
              <CopyField value={verifyToken} label="Verify token" testId="verify-token" />
            </div>
          )}
        </div>
        <ChannelActions
          slug={slug}
          channelId={channel.id}
          phoneNumberId={channel.phoneNumberId}
          connected={channel.status === "connected"}
          unregistered={unregistered}
          meta={meta}
        />
      </div>
    </Card>
  );
}
