import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { StatusItem } from "./_components/status-item";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const env = getEnv();
  const user = await currentUser();
  const webhookUrl = `${env.appUrl}/api/webhooks/whatsapp`;
  return (
    <main className="mx-auto max-w-4xl px-6 py-16">
      <header>
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Parley</p>
        <h1 className="mt-2 text-4xl font-bold tracking-tight text-balance">
          WhatsApp Business bots for every business you serve
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-zinc-600">
          Each business connects its own WhatsApp number. Customers get answers from the
          business&apos;s FAQ or its AI assistant, and support staff can take over any conversation.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          {user ? (
            <Link
              href="/app"
              className="rounded-lg bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-700"
            >
              Go to your workspace
            </Link>
          ) : (
            <>
              <Link
                href="/sign-up"
                className="rounded-lg bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-700"
              >
                Create your account
              </Link>
              <Link
                href="/sign-in"
                className="rounded-lg border border-zinc-300 bg-white px-5 py-2.5 text-sm font-semibold text-zinc-800 hover:bg-zinc-50"
              >
                Sign in
              </Link>
            </>
          )}
        </div>
      </header>

      <section aria-labelledby="status" className="mt-12">
        <h2 id="status" className="text-lg font-semibold">
          This deployment
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <StatusItem
            label="Database"
            value={env.db === "pglite" ? "Embedded PostgreSQL" : "PostgreSQL"}
            detail={
              env.db === "pglite"
                ? "Stored on this machine in the data folder. Set DATABASE_URL for a server."
                : "Connected through DATABASE_URL."
            }
          />
          <StatusItem
            label="Background jobs"
            value={env.jobs === "inline" ? "In-process" : "Inngest"}
            detail={
              env.jobs === "inline"
                ? "Background jobs run inside this server. Set the INNGEST_* variables for durable jobs."
                : "Durable jobs with retries, per-conversation ordering and throttling."
            }
          />
          <StatusItem
            label="WhatsApp"
            tone={env.sandbox ? "info" : "ok"}
            value={env.sandbox ? "Sandbox" : `Meta Graph API ${env.meta.graphVersion}`}
            detail={
              env.sandbox ? (
                <>
                  A built-in stand-in for Meta: no real messages leave this machine.{" "}
                  <Link href="/sandbox/phone" className="font-medium text-brand-700 underline">
                    Open the simulated phone
                  </Link>
                </>
              ) : (
                "Live: messages are sent to real WhatsApp users."
              )
            }
          />
        </div>
      </section>

      <section aria-labelledby="webhook" className="mt-12">
        <h2 id="webhook" className="text-lg font-semibold">
          Webhook for your Meta app
        </h2>
        <p className="mt-2 text-sm text-zinc-600">
          In the Meta app dashboard, under WhatsApp › Configuration, set the callback URL to:
        </p>
        <code
          data-testid="webhook-url"
          className="mt-3 block overflow-x-auto rounded-lg border border-zinc-200 bg-white px-4 py-3 font-mono text-sm"
        >
          {webhookUrl}
        </code>
      </section>

      <section aria-labelledby="tenants" className="mt-12">
        <h2 id="tenants" className="text-lg font-semibold">
          Add businesses in bulk
        </h2>
        <p className="mt-2 text-sm text-zinc-600">
          Operators can create or update many workspaces at once from a JSON file. Each new
          workspace gets an API key, printed once.
        </p>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-zinc-900 px-4 py-3 font-mono text-sm text-zinc-100">
          npm run tenants -- import tenants.json{"\n"}npm run tenants -- list
        </pre>
      </section>
    </main>
  );
}
