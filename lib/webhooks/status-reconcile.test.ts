import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { escalations, messages, webhookDeliveries } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation } from "@/lib/testing/fixtures";
import { seedQuietWorkspace, webhookPoster } from "@/lib/testing/webhook-harness";
import { envelope, messagesChange, status, wamid } from "@/lib/testing/webhook-payloads";

type Shop = Awaited<ReturnType<typeof seedQuietWorkspace>> & { conversationId: string };

describe.each(testDatabaseKinds)(
  "status webhooks placed by the send's callback data, on %s",
  (kind) => {
    let handle: DatabaseHandle;
    let shop: Shop;
    let other: Shop;
    const post = webhookPoster(() => handle.db, { jobs: false });
    const sendingAt = new Date("2026-11-20T09:00:00Z");

    async function seedShop(name: string, phone: string): Promise<Shop> {
      const ws = await seedQuietWorkspace(handle.db, name);
      const { id } = await seedConversation(handle.db, ws, {
        waId: phone,
        start: sendingAt,
        count: 1,
      });
      return { ...ws, conversationId: id };
    }

    // An outbound reply whose sender died between Meta's answer and recording the id.
    async function unrecordedSend(s: Shop) {
      const [row] = await handle.db
        .insert(messages)
        .values({
          workspaceId: s.workspaceId,
          conversationId: s.conversationId,
          channelId: s.channelId,
          direction: "outbound",
          type: "text",
          text: "Your order is ready",
          status: "pending",
          sendingAt,
          sendAttempts: 1,
        })
        .returning();
      if (!row) throw new Error("no row");
      return row;
    }

    async function escalation(s: Shop) {
      const [row] = await handle.db
        .insert(escalations)
        .values({
          workspaceId: s.workspaceId,
          conversationId: s.conversationId,
          reason: "requested",
        })
        .returning();
      if (!row) throw new Error("no row");
      return row;
    }

    const withData = (s: ReturnType<typeof status>, data: string) => ({
      ...s,
      biz_opaque_callback_data: data,
    });
    const send = (to: Shop, ...statuses: unknown[]) =>
      post(envelope({ wabaId: "1", changes: [messagesChange(to.phoneNumberId, { statuses })] }));
    const message = async (id: string) =>
      (await handle.db.select().from(messages).where(eq(messages.id, id)))[0];
    const alert = async (id: string) =>
      (await handle.db.select().from(escalations).where(eq(escalations.id, id)))[0];

    beforeAll(async () => {
      handle = await createTestDatabase(kind);
      shop = await seedShop("Reconciling Shop", "254702000001");
      other = await seedShop("Other Shop", "254702000002");
    });
    afterAll(() => handle.close());

    it("records the id of a send that never recorded it, then applies later statuses by it", async () => {
      const row = await unrecordedSend(shop);
      const id = wamid();
      const sentAt = new Date("2026-11-20T09:00:05Z");
      expect((await send(shop, withData(status(id, "sent", sentAt), `m:${row.id}`))).status).toBe(
        200,
      );
      expect(await message(row.id)).toMatchObject({
        waMessageId: id,
        status: "sent",
        statusAt: sentAt,
        sendingAt,
      });
      await send(shop, status(id, "delivered"));
      expect((await message(row.id))?.status).toBe("delivered");
      // The sender recording the same id afterwards changes nothing.
      await handle.db.update(messages).set({ waMessageId: id }).where(eq(messages.id, row.id));
      await send(shop, withData(status(id, "read"), `m:${row.id}`));
      expect(await message(row.id)).toMatchObject({ waMessageId: id, status: "read" });
    });

    it("logs each status delivery once, whether its message's id is recorded or placed by the send's data", async () => {
      const row = await unrecordedSend(shop);
      const id = wamid();
      const logged = async () =>
        (
          await handle.db
            .select({ payload: webhookDeliveries.payload })
            .from(webhookDeliveries)
            .where(eq(webhookDeliveries.channelId, shop.channelId))
        ).filter((d) => JSON.stringify(d.payload).includes(id)).length;
      // Not recorded yet: placed by the callback data.
      await send(shop, withData(status(id, "sent"), `m:${row.id}`));
      expect(await logged()).toBe(1);
      // Recorded now: applied by its id.
      await send(shop, status(id, "delivered"));
      expect(await logged()).toBe(2);
      expect(await message(row.id)).toMatchObject({ waMessageId: id, status: "delivered" });
      // A late, lower status changes nothing and is still logged.
      await send(shop, status(id, "sent"));
      expect(await logged()).toBe(3);
      expect((await message(row.id))?.status).toBe("delivered");
    });

    it("applies statuses arriving together in one go: each message ends at its highest, each delivery logged once", async () => {
      const rows = await Promise.all([
        unrecordedSend(shop),
        unrecordedSend(shop),
        unrecordedSend(shop),
      ]);
      const ids = rows.map(() => wamid());
      // The first two have their ids recorded; the third is known only by its callback data.
      for (const [i, row] of rows.slice(0, 2).entries()) {
        await handle.db
          .update(messages)
          .set({ waMessageId: ids[i] })
          .where(eq(messages.id, row.id));
      }
      const [a, b, c] = ids as [string, string, string];
      const [ra, rb, rc] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
      const results = await Promise.all([
        send(shop, status(a, "sent")),
        send(shop, status(a, "read")),
        send(shop, status(a, "delivered")),
        send(shop, status(b, "delivered")),
        send(shop, withData(status(c, "sent"), `m:${rc.id}`)),
        send(shop, status(b, "sent")),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect((await message(ra.id))?.status).toBe("read");
      expect((await message(rb.id))?.status).toBe("delivered");
      expect(await message(rc.id)).toMatchObject({ waMessageId: c, status: "sent" });
      const logged = await handle.db
        .select({ payload: webhookDeliveries.payload })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.channelId, shop.channelId));
      const count = (id: string) =>
        logged.filter((d) => JSON.stringify(d.payload).includes(id)).length;
      expect([count(a), count(b), count(c)]).toEqual([3, 2, 1]);
    });

    it("finishes a person's queued reply that a status records, so it is not swept again", async () => {
      const row = await unrecordedSend(shop);
      await handle.db
        .update(messages)
        .set({ source: "human", queueState: "pending" })
        .where(eq(messages.id, row.id));
      await send(shop, withData(status(wamid(), "sent"), `m:${row.id}`));
      expect(await message(row.id)).toMatchObject({ status: "sent", queueState: "handled" });
      // A bot reply has no queue state, and keeps none.
      const bot = await unrecordedSend(shop);
      await send(shop, withData(status(wamid(), "sent"), `m:${bot.id}`));
      expect(await message(bot.id)).toMatchObject({ status: "sent", queueState: null });
    });

    it("takes the highest of several statuses for an unrecorded send in one delivery", async () => {
      const row = await unrecordedSend(shop);
      const id = wamid();
      const data = `m:${row.id}`;
      await send(shop, withData(status(id, "delivered"), data), withData(status(id, "sent"), data));
      expect(await message(row.id)).toMatchObject({ waMessageId: id, status: "delivered" });
    });

    it("keeps Meta's error on an unrecorded send that failed", async () => {
      const row = await unrecordedSend(shop);
      const id = wamid();
      const failed = status(id, "failed", new Date(), { code: 131026, details: "Undeliverable" });
      await send(shop, withData(failed, `m:${row.id}`));
      expect(await message(row.id)).toMatchObject({
        waMessageId: id,
        status: "failed",
        errorCode: 131026,
        errorDetails: "Undeliverable",
      });
    });

    it("never places a status on another workspace's row, nor on a row that has another id", async () => {
      const theirs = await unrecordedSend(other);
      const theirAlert = await escalation(other);
      const mine = await unrecordedSend(shop);
      const recorded = wamid();
      await handle.db
        .update(messages)
        .set({ waMessageId: recorded })
        .where(eq(messages.id, mine.id));
      const res = await send(
        shop,
        withData(status(wamid(), "read"), `m:${theirs.id}`),
        withData(status(wamid(), "delivered"), `e:${theirAlert.id}`),
        withData(status(wamid(), "read"), `m:${mine.id}`),
        withData(status(wamid(), "read"), "m:not-a-uuid"),
        status(wamid(), "read"),
      );
      expect(res.status).toBe(200);
      expect(await message(theirs.id)).toMatchObject({ waMessageId: null, status: "pending" });
      expect(await message(mine.id)).toMatchObject({ waMessageId: recorded, status: "pending" });
      expect(await alert(theirAlert.id)).toMatchObject({
        alertWaMessageId: null,
        alertStatus: null,
        whatsappNotifiedAt: null,
      });
    });

    it("marks a staff alert delivered when WhatsApp says so, and keeps its first delivery time", async () => {
      const row = await escalation(shop);
      const id = wamid();
      const [sent, delivered, read] = [5, 9, 30].map(
        (s) => new Date(Date.UTC(2026, 10, 20, 9, 0, s)),
      );
      await send(shop, withData(status(id, "sent", sent), `e:${row.id}`));
      expect(await alert(row.id)).toMatchObject({
        alertWaMessageId: id,
        alertStatus: "sent",
        whatsappNotifiedAt: null,
      });
      await send(shop, withData(status(id, "delivered", delivered), `e:${row.id}`));
      await send(shop, withData(status(id, "read", read), `e:${row.id}`));
      await send(shop, withData(status(id, "delivered", read), `e:${row.id}`));
      expect(await alert(row.id)).toMatchObject({
        alertWaMessageId: id,
        alertStatus: "read",
        alertStatusAt: read,
        whatsappNotifiedAt: delivered,
        notifyError: null,
      });
    });

    it("records why a staff alert failed and never counts it delivered", async () => {
      const row = await escalation(shop);
      const id = wamid();
      const failed = status(id, "failed", new Date(), {
        code: 131049,
        details: "Not delivered to maintain healthy ecosystem engagement",
      });
      await send(shop, withData(failed, `e:${row.id}`));
      await send(shop, withData(status(id, "delivered"), `e:${row.id}`));
      expect(await alert(row.id)).toMatchObject({
        alertWaMessageId: id,
        alertStatus: "failed",
        whatsappNotifiedAt: null,
        notifyError: "WhatsApp: Not delivered to maintain healthy ecosystem engagement (131049)",
      });
    });
  },
);
