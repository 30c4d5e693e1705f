"use client";

import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeInvitationAction } from "../actions";

type Props = { slug: string; id: string; email: string };

export function RevokeInvitationButton({ slug, id, email }: Props) {
  return (
    <ConfirmButton
      label="Revoke"
      question={`Revoke the invitation for ${email}?`}
      confirmLabel="Yes, revoke"
      testId="invitation-revoke"
      onConfirm={() => revokeInvitationAction(slug, { id })}
    />
  );
}
