import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { listUserWorkspaces } from "@/db/queries/memberships";
import { requireUser } from "@/lib/auth/session";
import { NewWorkspaceForm } from "./_components/new-workspace-form";

export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  const user = await requireUser("/app/new");
  const existing = await listUserWorkspaces(await getDb(), user.id);
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <Card
        title="Create a workspace"
        description="A workspace holds one business: its WhatsApp number, bot, FAQ and team."
      >
        <NewWorkspaceForm />
        {existing.length > 0 && (
          <p className="mt-6 text-sm text-zinc-600">
            Or go back to{" "}
            {existing.map((w, i) => (
              <span key={w.id}>
                {i > 0 && ", "}
                <Link href={`/${w.slug}` as never} className="font-medium text-brand-700 underline">
                  {w.name}
                </Link>
              </span>
            ))}
            .
          </p>
        )}
      </Card>
    </main>
  );
}
