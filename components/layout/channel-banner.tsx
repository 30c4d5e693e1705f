import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { TEAM_DISCONNECT_REASON } from "@/lib/onboarding/disconnect";

type Channel = {
  id: string;
  displayPhoneNumber: string | null;
  phoneNumberId: string;
  status: "pending" | "connected" | "needs_reauth" | "disconnected";
  statusReason: string | null;
  tokenExpiresAt: Date | null;
};

const WARN_DAYS = 14;

/** Tells the team when a number stopped sending, or soon will. */
export function ChannelBanner({
  slug,
  channel,
  canManage,
}: {
  slug: string;
  channel: Channel;
  canManage: boolean;
}) {
  const number = channel.displayPhoneNumber ?? channel.phoneNumberId;
  const action = canManage ? (
    <Link href={`/${slug}/whatsapp` as never} className="font-medium underline">
      Open WhatsApp settings
    </Link>
  ) : (
    "Ask an owner or admin to fix it."
  );
  if (channel.status === "disconnected" && channel.statusReason !== TEAM_DISCONNECT_REASON) {
    return (
      <Notice tone="error" title={`${number} is disconnected: the bot does not answer on it.`}>
        {channel.statusReason ?? "The number was disconnected."} {action}
      </Notice>
    );
  }
  if (channel.status === "needs_reauth") {
    return (
      <Notice tone="error" title={`${number} needs to be re-authorized.`}>
        Meta no longer accepts its access token, so no messages can be sent. {action}
      </Notice>
    );
  }
  if (channel.status === "pending" && channel.statusReason) {
    return (
      <Notice tone="warning" title={`${number}: ${channel.statusReason}`}>
        The bot can&apos;t answer on it and no replies can be sent until it is registered.{" "}
        {canManage ? (
          <Link href={`/${slug}/whatsapp` as never} className="font-medium underline">
            Register it on the WhatsApp page
          </Link>
        ) : (
          "Ask an owner or admin to register it on the WhatsApp page."
        )}
      </Notice>
    );
  }
  const days = channel.tokenExpiresAt
    ? Math.ceil((channel.tokenExpiresAt.getTime() - Date.now()) / 86_400_000)
    : null;
  if (channel.status === "connected" && days !== null && days <= WARN_DAYS) {
    return (
      <Notice
        tone="warning"
        title={`The access for ${number} expires in ${Math.max(days, 0)} days.`}
      >
        Re-authorize it before then so customers keep getting answers. {action}
      </Notice>
    );
  }
  return null;
}
