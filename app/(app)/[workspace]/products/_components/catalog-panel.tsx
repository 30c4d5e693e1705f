"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { connectCatalogAction, listCatalogsAction, syncCatalogAction } from "../actions";

type Connection = {
  catalogId: string;
  catalogName: string;
  wabaId: string;
  syncState: "idle" | "syncing" | "failed";
  syncError: string | null;
  lastSynced: string | null;
  /** Products deleted here that the catalog still holds until the next sync. */
  deletions: number;
};

type Props = { slug: string; connection: Connection | null; unsynced: number };

/** Connects the workspace's Meta catalog (an existing one, or a new one) and syncs to it. */
export function CatalogPanel({ slug, connection, unsynced }: Props) {
  const router = useRouter();
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState("");
  const [newName, setNewName] = useState("");

  const catalogs = useMutation({ mutationFn: () => listCatalogsAction(slug, {}) });
  const connect = useMutation({
    mutationFn: (input: { catalogId: string } | { name: string }) =>
      connectCatalogAction(slug, input),
    onSuccess: (result) => {
      if (!result.ok) return;
      setChoosing(false);
      router.refresh();
    },
  });
  const sync = useMutation({
    mutationFn: () => syncCatalogAction(slug, {}),
    onSuccess: () => router.refresh(),
  });

  // While Meta works through a sync, the page follows it.
  const syncing = connection?.syncState === "syncing";
  useEffect(() => {
    if (!syncing) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [syncing, router]);

  const open = () => {
    setChoosing(true);
    catalogs.mutate();
  };
  const list = catalogs.data?.ok ? catalogs.data.data : [];

  return (
    <Card
      title="Meta catalog"
      description="WhatsApp shows products from a catalog in Meta Commerce Manager, connected to your WhatsApp Business Account. Parley keeps it up to date with this list."
    >
      <div className="space-y-4" data-testid="catalog-panel">
        {connection && !choosing && (
          <div className="flex flex-wrap items-center justify-between gap-4">
            <div className="text-sm text-zinc-700" data-testid="catalog-connected">
              <p>
                Connected: <strong>{connection.catalogName}</strong>{" "}
                <span className="font-mono text-xs text-zinc-500">({connection.catalogId})</span>
              </p>
              <p className="mt-0.5 text-xs text-zinc-500" data-testid="catalog-sync-state">
                {syncing
                  ? "Syncing with Meta…"
                  : connection.lastSynced
                    ? `Last synced ${connection.lastSynced}. ${unsynced === 0 ? "Everything is in the catalog." : `${unsynced} ${unsynced === 1 ? "product is" : "products are"} not in the catalog: see the list below.`}`
                    : "Not synced yet."}
              </p>
              {connection.deletions > 0 && !syncing && (
                <p className="mt-0.5 text-xs text-zinc-500" data-testid="catalog-deletions">
                  {connection.deletions === 1
                    ? "1 deleted product is still in the catalog: the next sync removes it."
                    : `${connection.deletions} deleted products are still in the catalog: the next sync removes them.`}
                </p>
              )}
            </div>
            <div className="flex gap-2">
              <Button
                onClick={() => sync.mutate()}
                disabled={syncing || sync.isPending}
                data-testid="catalog-sync"
              >
                {syncing || sync.isPending ? "Syncing…" : "Sync now"}
              </Button>
              <Button variant="ghost" onClick={open}>
                Change catalog
              </Button>
            </div>
          </div>
        )}
        {connection?.syncState === "failed" && connection.syncError && (
          <Notice tone="error" title="The last sync failed">
            {connection.syncError}
          </Notice>
        )}
        {sync.data && !sync.data.ok && <Notice tone="error">{sync.data.message}</Notice>}
        {!connection && !choosing && (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={open} data-testid="catalog-connect-open">
              Connect a catalog
            </Button>
            <span className="text-sm text-zinc-500">
              Choose one your business already has, or create a new one.
            </span>
          </div>
        )}
        {choosing && (
          <div className="space-y-4">
            {catalogs.isPending && (
              <p className="text-sm text-zinc-500">Asking Meta for your catalogs…</p>
            )}
            {catalogs.data && !catalogs.data.ok && (
              <Notice tone="error">{catalogs.data.message}</Notice>
            )}
            {catalogs.data?.ok && (
              <div className="grid gap-6 md:grid-cols-2">
                <form
                  className="space-y-3"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (chosen) connect.mutate({ catalogId: chosen });
                  }}
                >
                  <Field
                    label="Use a catalog your business has"
                    name="catalog-choice"
                    hint={
                      list.length === 0
                        ? "Your business has no catalogs yet: create one."
                        : undefined
                    }
                  >
                    <Select
                      name="catalog-choice"
                      value={chosen}
                      onChange={(e) => setChosen(e.target.value)}
                      disabled={list.length === 0}
                    >
                      <option value="">Choose…</option>
                      {list.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name} ({c.id})
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Button
                    type="submit"
                    variant="secondary"
                    disabled={!chosen || connect.isPending}
                    data-testid="catalog-connect-existing"
                  >
                    Connect this catalog
                  </Button>
                </form>
                <form
                  className="space-y-3"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (newName.trim()) connect.mutate({ name: newName.trim() });
                  }}
                >
                  <Field
                    label="Or create a new catalog"
                    name="catalog-new-name"
                    hint="Meta creates it in your business portfolio."
                  >
                    <Input
                      name="catalog-new-name"
                      value={newName}
                      placeholder="e.g. Shop products"
                      onChange={(e) => setNewName(e.target.value)}
                    />
                  </Field>
                  <Button
                    type="submit"
                    disabled={!newName.trim() || connect.isPending}
                    data-testid="catalog-create"
                  >
                    {connect.isPending ? "Connecting…" : "Create and connect"}
                  </Button>
                </form>
              </div>
            )}
            {connect.data && !connect.data.ok && (
              <Notice tone="error">{connect.data.message}</Notice>
            )}
            <Button variant="ghost" onClick={() => setChoosing(false)}>
              Cancel
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
