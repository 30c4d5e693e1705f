"use client";

import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeApiKeyAction } from "../actions";

type Props = { slug: string; id: string; name: string };

export function RevokeApiKeyButton({ slug, id, name }: Props) {
  return (
    <ConfirmButton
      label="Revoke"
      question={`Revoke “${name}”? Integrations using it stop working at once.`}
      confirmLabel="Yes, revoke"
      testId="api-key-revoke"
      onConfirm={() => revokeApiKeyAction(slug, { id })}
    />
  );
}
