import type { Database } from "@/db";
import {
  getTemplateSyncedAt,
  listStoredTemplates,
  replaceWabaTemplates,
  type StoredTemplate,
} from "@/db/queries/templates";
import type { GraphClient } from "@/lib/whatsapp/graph-client";
import { type Template, templatesResponse } from "@/lib/whatsapp/graph-schemas";

// Parley's copy of a WABA's templates: read whole from Meta when older than a minute (or when
// asked), and between listings kept current by Meta's template webhooks.

const MAX_PAGES = 10;
export const TEMPLATE_SYNC_MS = 60_000;

type Deps = { db: Database; graph: GraphClient };

/** Lists every template of the WABA from Meta and stores the listing. Graph errors propagate. */
export async function syncWabaTemplates(
  deps: Deps,
  p: { workspaceId: string; wabaId: string; token: string },
) {
  const listed: Template[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await deps.graph.listTemplates(p.wabaId, p.token, after);
    listed.push(...res.templates);
    if (!res.next) break;
    after = res.next;
  }
  await deps.db.transaction((tx) =>
    replaceWabaTemplates(tx, {
      workspaceId: p.workspaceId,
      wabaId: p.wabaId,
      // Meta always gives the id; a listing without one is keyed by name and language.
      templates: listed.map((t) => ({
        metaId: t.id ?? `${t.name}:${t.language}`,
        name: t.name,
        language: t.language,
        category: t.category?.toUpperCase() ?? null,
        status: t.status.toUpperCase(),
        quality: t.quality_score?.score?.toUpperCase() ?? null,
        rejectedReason:
          t.rejected_reason && t.rejected_reason !== "NONE" ? t.rejected_reason : null,
        parameterFormat: t.parameter_format?.toUpperCase() ?? null,
        components: (t.components ?? []) as Record<string, unknown>[],
      })),
    }),
  );
}

/** The WABA's stored templates, listed from Meta first when the copy is stale or `fresh`. */
export async function readWabaTemplates(
  deps: Deps,
  p: { workspaceId: string; wabaId: string; token: string; fresh?: boolean },
): Promise<StoredTemplate[]> {
  const syncedAt = await getTemplateSyncedAt(deps.db, p);
  if (p.fresh || !syncedAt || Date.now() - syncedAt.getTime() > TEMPLATE_SYNC_MS) {
    await syncWabaTemplates(deps, p);
  }
  return listStoredTemplates(deps.db, p);
}

const oneTemplate = templatesResponse.shape.data.element;

/** A stored template in the Graph listing's shape, for code that reads Meta's templates. */
export function asGraphTemplate(t: StoredTemplate): Template {
  const parsed = oneTemplate.safeParse({
    id: t.metaId,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category ?? undefined,
    parameter_format: t.parameterFormat ?? undefined,
    components: t.components,
  });
  return parsed.success
    ? parsed.data
    : { id: t.metaId, name: t.name, language: t.language, status: t.status };
}
