import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { getNotificationPreferences } from "@/db/queries/notification-preferences";
import { getUserEmailVerified } from "@/db/queries/users";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { ChangePasswordForm } from "./_components/change-password-form";
import { NotificationsForm } from "./_components/notifications-form";
import { signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ changed?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await requireUser("/account");
  const { changed } = await searchParams;
  const db = await getDb();
  const [verified, prefs] = await Promise.all([
    getUserEmailVerified(db, user.id),
    getNotificationPreferences(db, user.id),
  ]);
  const emailOn = getEnv().smtp !== null;
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold tracking-tight">Your account</h1>
        <Link href="/app" className="text-sm font-medium text-brand-700 underline">
          Back to your workspace
        </Link>
      </div>
      {changed && (
        <Notice tone="success" testId="password-changed">
          Your password is changed. Every other device was signed out.
        </Notice>
      )}
      <Card title="Profile">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-zinc-500">Name</dt>
          <dd className="text-zinc-900">{user.name ?? "—"}</dd>
          <dt className="text-zinc-500">E-mail</dt>
          <dd className="text-zinc-900" data-testid="account-email">
            {user.email ?? "—"}
            {emailOn && (
              <span className="ml-2 text-xs text-zinc-500">
                {verified ? "confirmed" : "not confirmed yet"}
              </span>
            )}
          </dd>
        </dl>
      </Card>
      <div id="notifications" className="scroll-mt-6">
        <Card
          title="Notifications"
          description="What the inbox tells you of while it is open in a tab (turn on the browser's notifications there), and what is e-mailed to you."
        >
          <NotificationsForm initial={prefs} />
        </Card>
      </div>
      <Card
        title="Change password"
        description="You stay signed in here; every other device is signed out."
      >
        <ChangePasswordForm />
      </Card>
      <Card
        title="Sign out everywhere"
        description="Lost a phone, or signed in on a shared computer? This signs you out on every device and browser, this one included."
      >
        <form action={signOutEverywhereAction}>
          <Button type="submit" variant="secondary" data-testid="sign-out-everywhere">
            Sign out everywhere
          </Button>
        </form>
      </Card>
    </main>
  );
}
