import type { Metadata } from "next";
import { getCatalogConnection } from "@/db/queries/catalog";
import { listProducts } from "@/db/queries/products";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { describeWhen } from "@/lib/format/when";
import { formatPrice, priceDecimal } from "@/lib/products/money";
import { CatalogPanel } from "./_components/catalog-panel";
import { ProductList } from "./_components/product-list";
import { ProductToolbar } from "./_components/product-toolbar";

export const metadata: Metadata = { title: "Products" };

type Props = { params: Promise<{ workspace: string }> };

export default async function ProductsPage({ params }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "bot.manage");
  const workspaceId = ctx.workspace.id;
  const [rows, connection] = await Promise.all([
    listProducts(ctx.db, { workspaceId }),
    getCatalogConnection(ctx.db, workspaceId),
  ]);
  const now = new Date();
  const products = rows.map((p) => ({
    id: p.id,
    retailerId: p.retailerId,
    name: p.name,
    description: p.description,
    price: priceDecimal(p.priceMinor, p.currency),
    priceLabel: formatPrice(p.priceMinor, p.currency),
    currency: p.currency,
    availability: p.availability,
    imageUrl: p.imageUrl,
    link: p.link,
    syncStatus: p.syncStatus,
    syncError: p.syncError,
    synced: p.syncedAt ? describeWhen(p.syncedAt, now) : null,
  }));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Products</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          What you sell. The bot answers questions about price, availability and descriptions from
          this list, and with a Meta catalog connected it can show customers your products in
          WhatsApp, where they can order.
        </p>
      </div>
      {can(ctx.role, "channels.manage") && (
        <CatalogPanel
          slug={slug}
          connection={
            connection && {
              catalogId: connection.catalogId,
              catalogName: connection.catalogName,
              wabaId: connection.wabaId,
              syncState: connection.syncState,
              syncError: connection.syncError,
              lastSynced: connection.lastSyncedAt
                ? describeWhen(connection.lastSyncedAt, now)
                : null,
              deletions: connection.pendingDeletions.length,
            }
          }
          unsynced={products.filter((p) => p.syncStatus !== "synced").length}
        />
      )}
      <ProductToolbar slug={slug} empty={products.length === 0} />
      {products.length > 0 && (
        <ProductList slug={slug} products={products} catalogConnected={connection !== null} />
      )}
    </div>
  );
}
