"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { disconnectAction } from "../actions";
import type { ConnectMeta } from "./connect-panel";
import { ConnectPanel } from "./connect-panel";

type Props = {
  slug: string;
  channelId: string;
  phoneNumberId: string;
  connected: boolean;
  /** Saved with working access but not registered: registering is the main action, not this. */
  unregistered?: boolean;
  meta: ConnectMeta;
};

/** Re-authorize (a new signup for the same number) and Disconnect, for one number. */
export function ChannelActions({
  slug,
  channelId,
  phoneNumberId,
  connected,
  unregistered = false,
  meta,
}: Props) {
  const [reauthorizing, setReauthorizing] = useState(false);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-3">
        <Button
          variant={connected || unregistered ? "secondary" : "primary"}
          size="sm"
          onClick={() => setReauthorizing((v) => !v)}
          data-testid="reauthorize"
        >
          {reauthorizing ? "Close" : connected ? "Re-authorize" : "Reconnect this number"}
        </Button>
        {(connected || unregistered) && (
          <ConfirmButton
            label="Disconnect"
            question="Stop all messages on this number now? Conversations are kept."
            confirmLabel="Disconnect"
            testId="disconnect"
            onConfirm={async () => {
              const r = await disconnectAction(slug, { channelId });
              return r.ok ? { ok: true } : { ok: false, message: r.message };
            }}
          />
        )}
      </div>
      {reauthorizing && (
        <ConnectPanel
          slug={slug}
          {...meta}
          reauthorizePhoneNumberId={phoneNumberId}
          initialView={null}
        />
      )}
    </div>
  );
}
