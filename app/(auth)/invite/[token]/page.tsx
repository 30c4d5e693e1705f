import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { findMembershipBySlug } from "@/db/queries/memberships";
import { currentUser } from "@/lib/auth/session";
import {
  INVITATION_PROBLEMS,
  inspectInvitationToken,
  isInvitedAccount,
} from "@/lib/workspaces/invitations";
import { ROLE_AS, ROLE_SUMMARY } from "@/lib/workspaces/roles";
import { JoinForm } from "./_components/join-form";
import { switchAccountAction } from "./actions";

// The token is in this page's address: no Referer carries it to another site.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

const linkClass = "font-medium text-brand-700 underline";

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const db = await getDb();
  const view = await inspectInvitationToken(db, token);
  if (view.status !== "valid") {
    return (
      <Card title="This invitation can't be used">
        <div className="space-y-4">
          <Notice tone="warning" testId="invite-invalid">
            {INVITATION_PROBLEMS[view.status]}
          </Notice>
          <Link href="/app" className={`text-sm ${linkClass}`}>
            Go to Parley
          </Link>
        </div>
      </Card>
    );
  }

  const { invitation } = view;
  const { workspace } = invitation;
  const user = await currentUser();
  const here = encodeURIComponent(`/invite/${token}`);
  const member = user
    ? await findMembershipBySlug(db, { userId: user.id, slug: workspace.slug })
    : null;

  return (
    <Card
      title={`Join ${workspace.name} on Parley`}
      description={`You are invited as ${ROLE_AS[invitation.role]}: ${ROLE_SUMMARY[invitation.role]}.`}
    >
      <div className="space-y-4" data-testid="invite-details">
        {!user && (
          <>
            <p className="text-sm text-zinc-700">
              Sign in or create an account with <strong>{invitation.email}</strong> to accept.
            </p>
            <div className="flex flex-col gap-2 sm:flex-row">
              <Link
                href={`/sign-in?next=${here}` as Route}
                data-testid="invite-sign-in"
                className="flex-1 rounded-lg bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
              >
                Sign in
              </Link>
              <Link
                href={`/sign-up?next=${here}` as Route}
                data-testid="invite-sign-up"
                className="flex-1 rounded-lg border border-zinc-300 bg-white px-4 py-2 text-center text-sm font-medium text-zinc-800 hover:bg-zinc-50"
              >
                Create an account
              </Link>
            </div>
          </>
        )}
        {user && member && (
          <Notice tone="info" testId="invite-already-member">
            You are already a member of {workspace.name}.{" "}
            <Link href={`/${workspace.slug}` as Route} className={linkClass}>
              Open it
            </Link>
          </Notice>
        )}
        {user && !member && !isInvitedAccount(user, invitation) && (
          <>
            <Notice tone="warning" testId="invite-wrong-account">
              This invitation is for <strong>{invitation.email}</strong>, and you are signed in with
              another account. Sign out, then sign in or create an account with {invitation.email}.
            </Notice>
            <form action={switchAccountAction}>
              <input type="hidden" name="token" value={token} />
              <Button
                type="submit"
                variant="secondary"
                className="w-full"
                data-testid="invite-switch-account"
              >
                Sign out and use {invitation.email}
              </Button>
            </form>
          </>
        )}
        {user && !member && isInvitedAccount(user, invitation) && (
          <JoinForm token={token} workspaceName={workspace.name} />
        )}
      </div>
    </Card>
  );
}
