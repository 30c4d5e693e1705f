import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { listUserWorkspaces } from "@/db/queries/memberships";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

// Where sign-in lands: the user's workspace, or creating one when they have none yet.
export default async function AppEntry() {
  const user = await requireUser("/app");
  const [first] = await listUserWorkspaces(await getDb(), user.id);
  redirect((first ? `/${first.slug}` : "/app/new") as never);
}
