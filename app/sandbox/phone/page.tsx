import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { listMemberSandboxNumbers } from "@/db/queries/sandbox";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { CreateDemoBusiness } from "./_components/create-demo";
import { SandboxPhone } from "./_components/sandbox-phone";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sandbox phone" };

export default async function SandboxPhonePage() {
  if (!getEnv().sandbox) notFound();
  const user = await requireUser("/sandbox/phone");
  // Only the businesses of this person's own workspaces (demo businesses they made included).
  const numbers = await listMemberSandboxNumbers(await getDb(), user.id);
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Sandbox</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">Simulated customer phone</h1>
      <p className="mt-2 max-w-2xl text-zinc-600">
        Chat with one of your businesses as its customers would. Messages go to Parley through its
        real webhook, signed as Meta signs them; replies appear here with their delivery ticks.
        Nothing leaves this machine.
      </p>
      {numbers.length === 0 ? (
        <div className="mt-8 rounded-xl border border-dashed border-zinc-300 bg-white p-6 text-zinc-700">
          <h2 className="font-semibold">None of your workspaces has a number yet</h2>
          <p className="mt-2 text-sm">
            Create a demo business with a sandbox number to chat with (it becomes one of your
            workspaces):
          </p>
          <CreateDemoBusiness />
          <p className="mt-6 text-sm">
            Or connect a number on a workspace's WhatsApp page, then come back here.
          </p>
        </div>
      ) : (
        <SandboxPhone numbers={numbers} />
      )}
    </main>
  );
}
