"use client";

import { ConfirmButton } from "@/components/ui/confirm-button";
import { cancelBroadcastAction } from "../actions";

export function CancelBroadcast({ slug, id }: { slug: string; id: string }) {
  return (
    <ConfirmButton
      label="Cancel broadcast"
      question="Stop sending? Messages already sent stay sent."
      confirmLabel="Yes, cancel it"
      onConfirm={() => cancelBroadcastAction(slug, { id })}
      testId="cancel-broadcast"
    />
  );
}
