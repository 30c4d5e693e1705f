import { describeWhen } from "@/lib/format/when";
import type { WorkspaceApiKey } from "@/lib/workspaces/api-keys";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

type Props = { slug: string; keys: WorkspaceApiKey[] };

export function ApiKeysTable({ slug, keys }: Props) {
  if (keys.length === 0) {
    return <p className="text-sm text-zinc-500">No API keys yet.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100">
      {keys.map((k) => (
        <li
          key={k.id}
          className="flex flex-wrap items-center gap-3 py-3 text-sm"
          data-testid="api-key-row"
          data-state={k.revokedAt ? "revoked" : "active"}
        >
          <div className={k.revokedAt ? "min-w-0 flex-1 opacity-60" : "min-w-0 flex-1"}>
            <p className="font-medium text-zinc-900">
              {k.name}{" "}
              <code
                className="ml-1 font-mono font-normal text-zinc-600"
                data-testid="api-key-masked"
              >
                {k.masked}
              </code>
            </p>
            <p className="text-zinc-500">
              {k.scopes.includes("write") ? "Read and write" : "Read only"} · created{" "}
              {describeWhen(k.createdAt)}
              {k.createdByName && ` by ${k.createdByName}`} · last used{" "}
              {k.lastUsedAt ? describeWhen(k.lastUsedAt) : "never"}
            </p>
          </div>
          {k.revokedAt ? (
            <span className="text-xs font-medium text-zinc-500">
              Revoked {describeWhen(k.revokedAt)}
            </span>
          ) : (
            <RevokeApiKeyButton slug={slug} id={k.id} name={k.name} />
          )}
        </li>
      ))}
    </ul>
  );
}
