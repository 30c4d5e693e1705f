"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { Role } from "@/db/queries/memberships";
import { ROLE_LABEL } from "@/lib/workspaces/roles";
import { changeRoleAction, removeMemberAction } from "../actions";

type RoleProps = { slug: string; userId: string; email: string; role: Role; offerOwner: boolean };

export function MemberRoleSelect({ slug, userId, email, role, offerOwner }: RoleProps) {
  const router = useRouter();
  const [value, setValue] = useState<Role>(role);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const roles: Role[] = offerOwner ? ["owner", "admin", "agent"] : ["admin", "agent"];

  const change = (next: Role) => {
    setValue(next);
    setError(null);
    startTransition(async () => {
      const result = await changeRoleAction(slug, { userId, role: next });
      if (!result.ok) {
        setValue(role);
        setError(result.message);
        return;
      }
      router.refresh();
    });
  };

  return (
    <div>
      <Select value={value} disabled={pending} onValueChange={(v) => change(v as Role)}>
        <SelectTrigger
          size="sm"
          aria-label={`Role of ${email}`}
          data-testid="member-role"
          className="bg-white"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {roles.map((r) => (
            <SelectItem key={r} value={r}>
              {ROLE_LABEL[r]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {error && (
        <p role="alert" className="mt-1 max-w-xs text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

type RemoveProps = { slug: string; userId: string; email: string };

export function RemoveMemberButton({ slug, userId, email }: RemoveProps) {
  return (
    <ConfirmButton
      label="Remove"
      question={`Remove ${email}?`}
      confirmLabel="Yes, remove"
      testId="member-remove"
      onConfirm={() => removeMemberAction(slug, { userId })}
    />
  );
}
