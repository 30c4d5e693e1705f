import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { isResetTokenLive } from "@/lib/account/password-reset";
import { ResetPasswordForm } from "../../_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const live = await isResetTokenLive(await getDb(), token);
  return (
    <Card
      title="Choose a new password"
      description={
        live
          ? "Setting a new password signs you out on every device, this one included."
          : undefined
      }
    >
      {live ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="space-y-4">
          <Notice tone="error" testId="reset-link-invalid">
            This link has expired or was already used. Each link works once, for one hour.
          </Notice>
          <p className="text-center text-sm text-zinc-600">
            <Link href="/forgot-password" className="font-medium text-brand-700 underline">
              Get a new link
            </Link>
          </p>
        </div>
      )}
    </Card>
  );
}
