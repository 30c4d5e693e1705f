"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { acceptInvitationAction, type JoinState } from "../actions";

type Props = { token: string; workspaceName: string };

export function JoinForm({ token, workspaceName }: Props) {
  const [state, action, pending] = useActionState<JoinState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.message && (
        <Notice tone="error" testId="invite-accept-error">
          {state.message}
        </Notice>
      )}
      <Button type="submit" disabled={pending} className="w-full" data-testid="invite-accept">
        {pending ? "Joining…" : `Join ${workspaceName}`}
      </Button>
    </form>
  );
}
