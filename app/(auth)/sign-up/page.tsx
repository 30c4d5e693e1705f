import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { oauthProviders } from "@/lib/auth/next-auth";
import { currentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/validations/auth";
import { OAuthButtons } from "../_components/oauth-buttons";
import { SignUpForm } from "../_components/sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

type Props = { searchParams: Promise<{ next?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect((next ?? "/app") as never);
  const invited = next?.startsWith("/invite/") ?? false;
  return (
    <Card
      title="Create your Parley account"
      description={
        invited
          ? "Create an account to join the workspace you were invited to."
          : "Set up a WhatsApp assistant for your business in a few minutes."
      }
    >
      <div className="space-y-4">
        <OAuthButtons {...oauthProviders()} next={next ?? "/app"} />
        <SignUpForm next={next} invited={invited} />
        <p className="text-center text-sm text-zinc-600">
          Already have an account?{" "}
          <Link
            href={`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}` as never}
            className="font-medium text-brand-700 underline"
          >
            Sign in
          </Link>
        </p>
      </div>
    </Card>
  );
}
