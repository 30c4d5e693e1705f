import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { safeNextPath } from "@/lib/validations/auth";
import { VerifyEmailForm } from "../../_components/verify-email-form";

export const metadata: Metadata = { title: "Confirm your e-mail", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ next?: string }> };

export default async function VerifyEmailPage({ params, searchParams }: Props) {
  const { token } = await params;
  const next = safeNextPath((await searchParams).next);
  return (
    <Card
      title="Confirm your e-mail address"
      description="One click and your Parley account is ready. You will sign in next."
    >
      <VerifyEmailForm token={token} next={next} />
    </Card>
  );
}
