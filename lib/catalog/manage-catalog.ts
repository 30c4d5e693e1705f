import type { Db } from "@/db";
import {
  findBusinessId,
  getCatalogConnection,
  listCatalogChannels,
  saveCatalogConnection,
} from "@/db/queries/catalog";
import { channelAccessToken } from "@/lib/bot/channel-token";
import type { Keyring } from "@/lib/crypto/keyring";
import type { GraphClient } from "@/lib/whatsapp/graph-client";
import { catalogCalls, type OwnedCatalog } from "./graph-catalog";
import { catalogErrorWords } from "./sync-errors";

export type CatalogDeps = { db: Db; keyring: Keyring; graph: GraphClient };

type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

type Account = { channelId: string; wabaId: string; token: string; businessId: string };

/**
 * The WhatsApp account a catalog connects to: the workspace's first connected number with a
 * WABA, its token, and the business portfolio owning the WABA (from Embedded Signup, else Meta).
 */
async function account(deps: CatalogDeps, workspaceId: string): Promise<Result<Account>> {
  const channels = await listCatalogChannels(deps.db, workspaceId);
  const channel = channels.find((c) => c.status === "connected" && c.accessTokenEncrypted);
  if (!channel?.wabaId) {
    return {
      ok: false,
      code: "no_channel",
      message: "Connect a WhatsApp number first: the catalog is connected to its business account.",
    };
  }
  try {
    const token = await channelAccessToken(deps, { workspaceId, channelId: channel.id });
    const businessId =
      (await findBusinessId(deps.db, { workspaceId, wabaId: channel.wabaId })) ??
      (await catalogCalls(deps.graph).wabaOwner(channel.wabaId, token));
    if (!businessId) {
      return {
        ok: false,
        code: "no_business",
        message: "Meta did not say which business owns this WhatsApp account.",
      };
    }
    return { ok: true, data: { channelId: channel.id, wabaId: channel.wabaId, token, businessId } };
  } catch (error) {
    return { ok: false, code: "meta_error", message: catalogErrorWords(error) };
  }
}

/** The catalogs the business owns, to choose one from. */
export async function listBusinessCatalogs(
  deps: CatalogDeps,
  workspaceId: string,
): Promise<Result<OwnedCatalog[]>> {
  const found = await account(deps, workspaceId);
  if (!found.ok) return found;
  try {
    const catalogs = await catalogCalls(deps.graph).listOwnedCatalogs(
      found.data.businessId,
      found.data.token,
    );
    return { ok: true, data: catalogs };
  } catch (error) {
    return { ok: false, code: "meta_error", message: catalogErrorWords(error) };
  }
}

/**
 * Connects a catalog to the WABA and records it: an existing one (`catalogId`) or a new one the
 * business creates under `name`.
 */
export async function connectCatalog(
  deps: CatalogDeps,
  workspaceId: string,
  choice: { catalogId: string } | { name: string },
): Promise<Result<{ catalogId: string; catalogName: string }>> {
  const found = await account(deps, workspaceId);
  if (!found.ok) return found;
  const { businessId, token, wabaId, channelId } = found.data;
  const calls = catalogCalls(deps.graph);
  try {
    let catalogId: string;
    let catalogName: string;
    if ("name" in choice) {
      catalogId = await calls.createCatalog(businessId, token, choice.name);
      catalogName = choice.name;
    } else {
      const owned = await calls.listOwnedCatalogs(businessId, token);
      const chosen = owned.find((c) => c.id === choice.catalogId);
      if (!chosen) {
        return {
          ok: false,
          code: "not_found",
          message: "This business does not own that catalog (any more). Choose another one.",
        };
      }
      catalogId = chosen.id;
      catalogName = chosen.name;
    }
    await calls.connectCatalog(wabaId, token, catalogId);
    await saveCatalogConnection(deps.db, {
      workspaceId,
      channelId,
      catalogId,
      catalogName,
      wabaId,
    });
    return { ok: true, data: { catalogId, catalogName } };
  } catch (error) {
    return { ok: false, code: "meta_error", message: catalogErrorWords(error) };
  }
}

export { getCatalogConnection };
