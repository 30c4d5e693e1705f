"use client";

import { useRouter } from "next/navigation";
import { leaveWorkspaceAction } from "@/app/(app)/[workspace]/settings/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";

type Props = { slug: string; name: string; lastOwner: boolean };

export function LeaveWorkspace({ slug, name, lastOwner }: Props) {
  const router = useRouter();
  if (lastOwner) {
    return (
      <p className="text-sm text-zinc-600" data-testid="leave-blocked">
        You are the only owner of {name}. Make someone else an owner on the Members page before you
        leave.
      </p>
    );
  }
  return (
    <div className="flex justify-start">
      <ConfirmButton
        label="Leave workspace"
        question={`Leave ${name}?`}
        confirmLabel="Yes, leave"
        testId="leave-workspace"
        onConfirm={() => leaveWorkspaceAction(slug, {})}
        onDone={() => router.push("/app")}
      />
    </div>
  );
}
