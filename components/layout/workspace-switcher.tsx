"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";

type Ws = { slug: string; name: string; role: string };
type Props = { current: Ws; workspaces: Ws[] };

/** Shows the workspace's name; people in several switch here, or create another. */
export function WorkspaceSwitcher({ current, workspaces }: Props) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Workspace</span>
      <select
        data-testid="workspace-switcher"
        value={current.slug}
        onChange={(e) => {
          const next = e.target.value;
          router.push((next === "__new" ? "/app/new" : `/${next}`) as Route);
        }}
        className="max-w-56 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-medium text-zinc-900"
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
          </option>
        ))}
        <option value="__new">+ New workspace…</option>
      </select>
    </label>
  );
}
