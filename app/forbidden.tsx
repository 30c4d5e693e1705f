import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center" data-testid="forbidden">
      <p className="text-sm font-semibold text-zinc-500">403</p>
      <h1 className="mt-2 text-2xl font-bold">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-zinc-600">
        Your role in this workspace does not include it. Ask an owner or admin if you need it.
      </p>
      <Link href="/app" className="mt-6 inline-block font-medium text-brand-700 underline">
        Back to your workspace
      </Link>
    </main>
  );
}
