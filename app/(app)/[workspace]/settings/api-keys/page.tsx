import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getEnv } from "@/lib/env";
import { listWorkspaceApiKeys } from "@/lib/workspaces/api-keys";
import { ApiKeysTable } from "./_components/api-keys-table";
import { CreateApiKeyForm } from "./_components/create-api-key-form";

export const metadata: Metadata = { title: "API keys" };

type Props = { params: Promise<{ workspace: string }> };

export default async function ApiKeysPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "api_keys.manage");
  const keys = await listWorkspaceApiKeys(ctx.db, ctx.workspace.id);
  const endpoint = `${getEnv().appUrl}/api/v1/conversations`;
  return (
    <>
      <Card
        title="Create an API key"
        description={`A key reaches ${ctx.workspace.name}'s data through the API and nothing else: read-only keys read conversations, messages and FAQs; read-and-write keys can also change them. Give each integration its own, so you can revoke one without breaking the others.`}
      >
        <CreateApiKeyForm slug={slug} />
      </Card>
      <Card title="Keys">
        <ApiKeysTable slug={slug} keys={keys} />
      </Card>
      <Card title="Using a key">
        <div className="space-y-2 text-sm text-zinc-700">
          <p>
            Send the key in the <code className="font-mono">Authorization</code> header of each
            request to the public API, for example to list conversations:
          </p>
          <pre className="overflow-x-auto rounded-lg bg-zinc-900 px-4 py-3 font-mono text-xs text-zinc-100">
            {`curl ${endpoint} \\\n  -H "Authorization: Bearer <your key>"`}
          </pre>
          <p>
            Every route, with examples:{" "}
            <Link
              href="/docs/api"
              className="text-brand-700 underline"
              data-testid="api-reference-link"
            >
              the API reference
            </Link>
            .
          </p>
          <p className="text-zinc-500">
            A revoked or unknown key gets a 401 answer. Keep keys on your servers: anyone holding
            one can read your customers&apos; messages.
          </p>
        </div>
      </Card>
    </>
  );
}
