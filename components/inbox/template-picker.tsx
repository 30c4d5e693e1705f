"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchTemplates, inboxKeys } from "./inbox-client";
import { TemplateComposer } from "./template-composer";
import { ActionRefused, type ConversationActions } from "./use-conversation-actions";

type Props = { slug: string; conversationId: string; actions: ConversationActions };

/** Outside the 24-hour window: choose an approved template, fill in its values, and send it. */
export function TemplatePicker({ slug, conversationId, actions }: Props) {
  const list = useQuery({
    queryKey: inboxKeys.templates(slug, conversationId),
    queryFn: () => fetchTemplates(slug, conversationId),
    staleTime: 60_000,
  });
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const send = actions.sendTemplate;
  const refused = send.error instanceof ActionRefused ? send.error : null;

  if (list.isPending) return <p className="text-sm text-zinc-500">Loading approved templates…</p>;
  if (list.isError)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
  if (!list.data.ok)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.data.message}
      </p>
    );

  return (
    <TemplateComposer
      templates={list.data.templates}
      unsendable={list.data.unsendable}
      pending={send.isPending}
      error={send.error?.message ?? null}
      fieldErrors={refused?.fieldErrors}
      onSend={(choice) =>
        send.mutateAsync({ clientId, ...choice }).then(
          () => {
            setClientId(crypto.randomUUID());
            return true;
          },
          () => false,
        )
      }
    />
  );
}
