"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { Role } from "@/db/queries/memberships";
import { ROLE_LABEL, ROLE_SUMMARY } from "@/lib/workspaces/roles";
import { inviteMemberAction } from "../actions";

type Props = { slug: string; actorRole: Role; mailConfigured: boolean };
type Created = { email: string; link: string; emailed: boolean };

export function InviteForm({ slug, actorRole, mailConfigured }: Props) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, startTransition] = useTransition();
  // Only owners may make owners; admins are not offered the choice.
  const roles: Role[] = actorRole === "owner" ? ["agent", "admin", "owner"] : ["agent", "admin"];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = {
      email: String(data.get("email") ?? ""),
      role: String(data.get("role")) as Role,
    };
    setCreated(null);
    startTransition(async () => {
      const result = await inviteMemberAction(slug, input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.message);
        return;
      }
      setErrors({});
      setMessage(null);
      setCreated(result.data);
      form.reset();
      router.refresh();
    });
  };

  return (
    <div className="space-y-4">
      <form
        onSubmit={submit}
        className="grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-start"
        noValidate
      >
        <Field label="E-mail" name="email" error={errors.email}>
          <Input
            name="email"
            type="email"
            autoComplete="off"
            placeholder="colleague@example.com"
            invalid={!!errors.email}
            data-testid="invite-email"
          />
        </Field>
        <Field label="Role" name="role" error={errors.role}>
          <Select
            name="role"
            defaultValue="agent"
            invalid={!!errors.role}
            data-testid="invite-role"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={pending} className="sm:mt-7" data-testid="invite-submit">
          {pending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      <ul className="space-y-0.5 text-xs text-zinc-500">
        {roles.map((r) => (
          <li key={r}>
            <span className="font-medium text-zinc-700">{ROLE_LABEL[r]}</span>: {ROLE_SUMMARY[r]}.
          </li>
        ))}
      </ul>
      {message && (
        <Notice tone="error" testId="invite-error">
          {message}
        </Notice>
      )}
      {created && (
        <Notice
          tone="success"
          title={`Invitation created for ${created.email}`}
          testId="invite-created"
        >
          <div className="space-y-2">
            <p data-testid="invite-emailed">
              {created.emailed
                ? "We e-mailed them the link. You can also send it yourself:"
                : mailConfigured
                  ? "The e-mail could not be sent. Send them this link yourself:"
                  : "E-mail is not set up on this server. Send them this link yourself:"}
            </p>
            <CopyField value={created.link} label="Invitation link" testId="invite-link" />
            <p className="text-xs">
              This is the only time the link is shown. It works once, for {created.email}, for 7
              days.
            </p>
          </div>
        </Notice>
      )}
    </div>
  );
}
