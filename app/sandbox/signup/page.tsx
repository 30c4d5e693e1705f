import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getDb } from "@/db";
import { getSandboxNumber } from "@/db/queries/sandbox";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { mayReauthorizeSandboxNumber } from "@/lib/sandbox/may-reauthorize";
import { SimulatedSignup } from "./_components/simulated-signup";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sandbox signup" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function Refusal({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="mx-auto max-w-lg px-6 py-10">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">
        Sandbox — simulated Meta signup
      </p>
      <h1 className="mt-2 text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600">{children}</p>
    </main>
  );
}

// The window Parley's sandbox opens in place of Facebook's Embedded Signup popup.
export default async function SandboxSignupPage({ searchParams }: Props) {
  const env = getEnv();
  if (!env.sandbox) notFound();
  const params = await searchParams;
  const here = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  const user = await requireUser(`/sandbox/signup?${here}`);
  const one = (key: string) => (typeof params[key] === "string" ? params[key] : undefined);

  if (one("app_id") !== env.meta.appId || one("config_id") !== env.meta.configId) {
    return (
      <Refusal title="This signup is for another app">
        The app id or configuration id in this window's address is not the sandbox app's, so the
        simulated signup cannot continue. Close this window and use the “Connect with Facebook”
        button in Parley.
      </Refusal>
    );
  }

  const phoneNumberId = one("phone_number_id");
  let reauthorize: {
    phoneNumberId: string;
    displayPhoneNumber: string;
    verifiedName: string;
  } | null = null;
  if (phoneNumberId !== undefined) {
    const db = await getDb();
    const number =
      /^\d{5,25}$/.test(phoneNumberId) &&
      (await mayReauthorizeSandboxNumber(db, { userId: user.id, phoneNumberId }))
        ? await getSandboxNumber(db, phoneNumberId)
        : null;
    if (!number) {
      return (
        <Refusal title="Unknown number">
          The sandbox has no number with the id in this window's address, so it cannot be
          re-authorized. Close this window and try again from Parley.
        </Refusal>
      );
    }
    reauthorize = {
      phoneNumberId,
      displayPhoneNumber: number.displayPhoneNumber ?? phoneNumberId,
      verifiedName: number.verifiedName ?? "",
    };
  }

  return (
    <main className="mx-auto max-w-lg px-6 py-8">
      <SimulatedSignup
        reauthorize={reauthorize}
        businessName={one("business_name")?.slice(0, 100)}
        businessApp={
          reauthorize === null && one("feature_type") === "whatsapp_business_app_onboarding"
        }
      />
    </main>
  );
}
