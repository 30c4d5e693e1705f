import type { Role } from "@/db/queries/memberships";
import { describeWhen } from "@/lib/format/when";
import { ROLE_LABEL } from "@/lib/workspaces/roles";
import { RevokeInvitationButton } from "./revoke-invitation-button";

type Invitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  invitedByName: string | null;
};

type Props = { slug: string; invitations: Invitation[] };

export function InvitationsTable({ slug, invitations }: Props) {
  if (invitations.length === 0) {
    return <p className="text-sm text-zinc-500">No invitations waiting.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100">
      {invitations.map((i) => (
        <li
          key={i.id}
          className="flex flex-wrap items-center gap-3 py-3 text-sm"
          data-testid={`invitation-row-${i.email}`}
        >
          <div className="min-w-0 flex-1">
            <p className="font-medium text-zinc-900">{i.email}</p>
            <p className="text-zinc-500">
              {ROLE_LABEL[i.role]} · expires{" "}
              <time dateTime={i.expiresAt.toISOString()}>{describeWhen(i.expiresAt)}</time>
              {i.invitedByName && ` · invited by ${i.invitedByName}`}
            </p>
          </div>
          <RevokeInvitationButton slug={slug} id={i.id} email={i.email} />
        </li>
      ))}
    </ul>
  );
}
