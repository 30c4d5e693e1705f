"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import {
  deleteWebhookAction,
  rollWebhookSecretAction,
  sendTestEventAction,
  setWebhookEnabledAction,
} from "../actions";
import { SecretNotice } from "./create-webhook-form";

type Props = { slug: string; id: string; url: string; enabled: boolean };

export function WebhookActions({ slug, id, url, enabled }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const run = (
    action: () => Promise<{ ok: true } | { ok: false; message: string }>,
    done: string,
  ) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.message });
      router.refresh();
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-2">
        {enabled && (
          <Button
            variant="secondary"
            size="sm"
            disabled={pending}
            data-testid="webhook-test"
            onClick={() =>
              run(
                () => sendTestEventAction(slug, { id }),
                "Test event queued: it appears in the log below within seconds.",
              )
            }
          >
            Send test event
          </Button>
        )}
        <Button
          variant="secondary"
          size="sm"
          disabled={pending}
          data-testid="webhook-toggle"
          onClick={() =>
            run(
              () => setWebhookEnabledAction(slug, { id, enabled: !enabled }),
              enabled ? "Turned off: no events are sent." : "Turned on: events are sent again.",
            )
          }
        >
          {enabled ? "Turn off" : "Turn on"}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={pending}
          data-testid="webhook-roll"
          onClick={() =>
            startTransition(async () => {
              const result = await rollWebhookSecretAction(slug, { id });
              if (result.ok) setSecret(result.data.secret);
              else setMessage({ ok: false, text: result.message });
            })
          }
        >
          Roll secret
        </Button>
        <ConfirmButton
          label="Delete"
          question={`Delete the endpoint ${url}? Its delivery log goes with it.`}
          confirmLabel="Yes, delete"
          testId="webhook-delete"
          onConfirm={() => deleteWebhookAction(slug, { id })}
        />
      </div>
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={message.ok ? "text-sm text-emerald-800" : "text-sm font-medium text-red-700"}
          data-testid="webhook-action-result"
        >
          {message.text}
        </p>
      )}
      {secret && <SecretNotice secret={secret} onDone={() => setSecret(null)} />}
    </div>
  );
}
