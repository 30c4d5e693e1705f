import type { Member } from "@/db/queries/members";
import type { Role } from "@/db/queries/memberships";
import { canAssignRole } from "@/lib/auth/permissions";
import { describeWhen } from "@/lib/format/when";
import { ROLE_LABEL } from "@/lib/workspaces/roles";
import { MemberRoleSelect, RemoveMemberButton } from "./member-controls";

type Props = { slug: string; members: Member[]; actor: { id: string; role: Role } };

export function MembersTable({ slug, members, actor }: Props) {
  return (
    // On a phone each member is a block of its own, the Remove button on the role's line.
    <div className="-mx-5 overflow-x-auto">
      <table className="block w-full text-left text-sm sm:table">
        <thead className="hidden text-xs text-zinc-500 uppercase sm:table-header-group">
          <tr>
            <th className="px-5 py-2 font-medium">Name</th>
            <th className="px-2 py-2 font-medium">Role</th>
            <th className="px-2 py-2 font-medium">Joined</th>
            <th className="px-5 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-zinc-100 sm:table-row-group">
          {members.map((m) => {
            const self = m.userId === actor.id;
            // The server decides again; this only hides controls that would be refused.
            const manageable = !self && canAssignRole(actor.role, m.role, m.role);
            const email = m.email ?? "";
            return (
              <tr
                key={m.userId}
                data-testid={`member-row-${email}`}
                className="flex flex-wrap items-center gap-x-3 gap-y-2 px-5 py-3 sm:table-row sm:p-0"
              >
                <td className="block w-full min-w-0 break-words sm:table-cell sm:w-auto sm:px-5 sm:py-3">
                  <p className="font-medium text-zinc-900">
                    {m.name ?? email}
                    {self && <span className="ml-1 font-normal text-zinc-500">(you)</span>}
                  </p>
                  <p className="text-zinc-500">{email}</p>
                </td>
                <td className="block sm:table-cell sm:px-2 sm:py-3">
                  {manageable ? (
                    <MemberRoleSelect
                      slug={slug}
                      userId={m.userId}
                      email={email}
                      role={m.role}
                      offerOwner={actor.role === "owner"}
                    />
                  ) : (
                    <span data-testid="member-role">{ROLE_LABEL[m.role]}</span>
                  )}
                </td>
                <td className="block whitespace-nowrap text-zinc-600 sm:table-cell sm:px-2 sm:py-3">
                  <time dateTime={m.joinedAt.toISOString()}>{describeWhen(m.joinedAt)}</time>
                </td>
                <td className="ml-auto block text-right sm:ml-0 sm:table-cell sm:px-5 sm:py-3">
                  {manageable && <RemoveMemberButton slug={slug} userId={m.userId} email={email} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
