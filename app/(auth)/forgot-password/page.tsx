import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getEnv } from "@/lib/env";
import { ForgotPasswordForm } from "../_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  const emailOn = getEnv().smtp !== null;
  return (
    <Card
      title="Forgot your password?"
      description={
        emailOn
          ? "Enter your e-mail address and we will send you a link to choose a new one."
          : undefined
      }
    >
      <div className="space-y-4">
        {emailOn ? (
          <ForgotPasswordForm />
        ) : (
          <Notice tone="info" testId="reset-no-email">
            This Parley server does not send e-mail, so it cannot mail you a link. Ask the person
            who runs it to reset your password: they can make you a one-time link with{" "}
            <code className="text-xs">npm run users -- reset-password your@address</code>.
          </Notice>
        )}
        <p className="text-center text-sm text-zinc-600">
          <Link href="/sign-in" className="font-medium text-brand-700 underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </Card>
  );
}
