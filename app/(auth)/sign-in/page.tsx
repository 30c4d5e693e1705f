import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { oauthProviders } from "@/lib/auth/next-auth";
import { currentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/validations/auth";
import { OAuthButtons } from "../_components/oauth-buttons";
import { SignInForm } from "../_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = {
  searchParams: Promise<{
    next?: string;
    error?: string;
    code?: string;
    created?: string;
    reset?: string;
    verified?: string;
    ended?: string;
  }>;
};

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next) ?? "/app";
  if (await currentUser()) redirect(next as never);
  return (
    <Card title="Sign in to Parley">
      <div className="space-y-4">
        {params.created && (
          <Notice tone="success">Your account was created. Sign in to continue.</Notice>
        )}
        {params.reset && (
          <Notice tone="success" testId="password-reset-done">
            Your new password is set, and every device was signed out. Sign in with it.
          </Notice>
        )}
        {params.verified && (
          <Notice tone="success" testId="email-verified">
            Your e-mail address is confirmed. Sign in to continue.
          </Notice>
        )}
        {params.ended && (
          <Notice tone="success" testId="signed-out-everywhere">
            You are signed out on every device.
          </Notice>
        )}
        {params.error && (
          <Notice tone="error">
            {params.error === "OAuthAccountNotLinked"
              ? "This e-mail already has an account. Sign in with your password."
              : params.code === "busy"
                ? "Too many sign-in attempts right now; try again in a few seconds"
                : "Sign-in did not complete. Please try again."}
          </Notice>
        )}
        <OAuthButtons {...oauthProviders()} next={next} />
        <SignInForm next={next} />
        <p className="text-center text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 underline">
            Forgot your password?
          </Link>
        </p>
        <p className="text-center text-sm text-zinc-600">
          New here?{" "}
          <Link
            href={`/sign-up${params.next ? `?next=${encodeURIComponent(next)}` : ""}` as never}
            className="font-medium text-brand-700 underline"
          >
            Create an account
          </Link>
        </p>
      </div>
    </Card>
  );
}
