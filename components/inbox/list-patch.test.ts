import { describe, expect, it } from "vitest";
import type { InboxCounts } from "@/db/queries/inbox";
import type { InboxPage, InboxRow } from "@/lib/inbox/read-inbox";
import {
  belongs,
  type ListChanges,
  type ListData,
  type ListShape,
  listShapeOf,
  type PushedRow,
  parseListChanges,
  patchList,
  refetchDelay,
} from "./list-patch";

const ME = "00000000-0000-4000-8000-00000000000a";
const YOU = "00000000-0000-4000-8000-00000000000b";

const counts: InboxCounts = {
  all: 9,
  needs_human: 1,
  bot: 2,
  closed: 3,
  mine: 4,
  unread: 5,
  snoozed: 6,
  waiting: 7,
};
const oldCounts: InboxCounts = { ...counts, all: 1, waiting: 0 };

// Row ids sort as their number; minute `m` of the day is the last message's time.
function row(n: number, m: number, over: Partial<InboxRow> = {}): InboxRow {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    status: "bot",
    needsHuman: false,
    handoffReason: null,
    assigneeId: null,
    unreadCount: 0,
    lastMessageAt: new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString(),
    lastMessagePreview: `message ${n}`,
    lastInboundAt: null,
    priority: "none",
    snoozedUntil: null,
    labelIds: [],
    windowOpen: true,
    contact: { name: `Customer ${n}`, waId: `2547000000${n}` },
    ...over,
  } as InboxRow;
}

const page = (rows: InboxRow[], next: string | null = null): InboxPage => ({
  rows,
  next,
  counts: oldCounts,
});
const data = (...pages: InboxPage[]): ListData => ({ pages, pageParams: pages.map(() => null) });
const open: ListShape = { filter: "all", q: "", view: { label: "", priority: "", sort: "recent" } };
const pushed = (r: InboxRow, tabs: PushedRow["tabs"] = ["all", "bot"]): PushedRow => ({
  row: r,
  tabs,
});
const change = (rows: PushedRow[], gone: string[] = []): ListChanges => ({ rows, gone, counts });
const ids = (d: ListData | null) => d?.pages.map((p) => p.rows.map((r) => Number(r.id.slice(-4))));

describe("patching the inbox list with pushed rows", () => {
  it("puts a new conversation at the top of the newest-first list, and takes the counts", () => {
    const list = data(page([row(2, 20), row(1, 10)]));
    const out = patchList(list, open, change([pushed(row(3, 30))]), ME);
    expect(ids(out)).toEqual([[3, 2, 1]]);
    expect(out?.pages[0]?.counts).toEqual(counts);
    // The list given is left as it was.
    expect(ids(list)).toEqual([[2, 1]]);
  });

  it("moves a conversation that got a message to the top and shows its new row", () => {
    const list = data(page([row(3, 30), row(2, 20), row(1, 10)]));
    const moved = row(1, 40, { lastMessagePreview: "new text", unreadCount: 2 });
    const out = patchList(list, open, change([pushed(moved)]), ME);
    expect(ids(out)).toEqual([[1, 3, 2]]);
    expect(out?.pages[0]?.rows[0]).toEqual(moved);
  });

  it("updates a row in place when its place in the order is unchanged", () => {
    const list = data(page([row(3, 30), row(2, 20), row(1, 10)]));
    const out = patchList(list, open, change([pushed(row(2, 20, { priority: "high" }))]), ME);
    expect(ids(out)).toEqual([[3, 2, 1]]);
    expect(out?.pages[0]?.rows[1]?.priority).toBe("high");
  });

  it("takes a conversation out of a tab it left, and out of every list when it is gone", () => {
    const list = data(page([row(3, 30), row(2, 20), row(1, 10)]));
    const closed = pushed(row(2, 20, { status: "closed" }), ["closed"]);
    expect(ids(patchList(list, open, change([closed]), ME))).toEqual([[3, 1]]);
    const closedTab: ListShape = { ...open, filter: "closed" };
    expect(ids(patchList(data(page([])), closedTab, change([closed]), ME))).toEqual([[2]]);
    expect(ids(patchList(list, open, change([], [row(3, 30).id]), ME))).toEqual([[2, 1]]);
  });

  it("judges Mine by who looks: the assignee's list takes it, another agent's does not", () => {
    const mine: ListShape = { ...open, filter: "mine" };
    const assigned = pushed(row(4, 40, { assigneeId: ME, status: "human" }), ["all"]);
    expect(ids(patchList(data(page([])), mine, change([assigned]), ME))).toEqual([[4]]);
    expect(ids(patchList(data(page([row(4, 40)])), mine, change([assigned]), YOU))).toEqual([[]]);
    // A closed conversation of mine is not in Mine (the server's "all" tab says it is open).
    const closedMine = pushed(row(4, 40, { assigneeId: ME, status: "closed" }), ["closed"]);
    expect(belongs(closedMine, mine, ME)).toBe(false);
  });

  it("follows the server's tabs for needing a person, unread and snoozed", () => {
    const r = pushed(row(5, 50, { needsHuman: true, unreadCount: 1 }), [
      "all",
      "needs_human",
      "unread",
    ]);
    expect(belongs(r, { ...open, filter: "needs_human" }, ME)).toBe(true);
    expect(belongs(r, { ...open, filter: "unread" }, ME)).toBe(true);
    expect(belongs(r, { ...open, filter: "snoozed" }, ME)).toBe(false);
    expect(belongs(r, { ...open, filter: "bot" }, ME)).toBe(false);
  });

  it("applies the label and priority filters", () => {
    const labelled = pushed(row(6, 60, { labelIds: ["L1"], priority: "urgent" }));
    expect(belongs(labelled, { ...open, view: { ...open.view, label: "L1" } }, ME)).toBe(true);
    expect(belongs(labelled, { ...open, view: { ...open.view, label: "L2" } }, ME)).toBe(false);
    expect(belongs(labelled, { ...open, view: { ...open.view, priority: "urgent" } }, ME)).toBe(
      true,
    );
    expect(belongs(labelled, { ...open, view: { ...open.view, priority: "low" } }, ME)).toBe(false);
    // A label taken off removes it from the label's list.
    const byLabel: ListShape = { ...open, view: { ...open.view, label: "L1" } };
    const unlabelled = pushed(row(6, 60));
    expect(ids(patchList(data(page([row(6, 60)])), byLabel, change([unlabelled]), ME))).toEqual([
      [],
    ]);
  });

  it("orders the most urgent first, newest within a priority", () => {
    const urgentFirst: ListShape = { ...open, view: { ...open.view, sort: "priority" } };
    const list = data(
      page([row(1, 10, { priority: "urgent" }), row(3, 30, { priority: "high" }), row(2, 20)]),
    );
    const medium = pushed(row(4, 40, { priority: "medium" }));
    expect(ids(patchList(list, urgentFirst, change([medium]), ME))).toEqual([[1, 3, 4, 2]]);
    const raised = pushed(row(2, 20, { priority: "urgent" }));
    expect(ids(patchList(list, urgentFirst, change([raised]), ME))).toEqual([[2, 1, 3]]);
  });

  it("breaks a tie in time by id, as the server does", () => {
    const list = data(page([row(3, 30), row(1, 30)]));
    expect(ids(patchList(list, open, change([pushed(row(2, 30))]), ME))).toEqual([[3, 2, 1]]);
  });

  it("leaves a row that falls past the pages loaded for Load more, and fills the last page", () => {
    const two = data(page([row(9, 90), row(8, 80)], "cursor-1"), page([row(5, 50)], "cursor-2"));
    // Between the pages: the second page starts after the first's last row, so it goes there.
    expect(ids(patchList(two, open, change([pushed(row(6, 60))]), ME))).toEqual([
      [9, 8],
      [6, 5],
    ]);
    // Past everything loaded while the server has more: not shown until Load more brings it.
    expect(ids(patchList(two, open, change([pushed(row(1, 10))]), ME))).toEqual([[9, 8], [5]]);
    // A conversation sinking there leaves the loaded pages.
    expect(ids(patchList(two, open, change([pushed(row(9, 5))]), ME))).toEqual([[8], [5]]);
    // With everything loaded, it goes last.
    const whole = data(page([row(9, 90), row(8, 80)]));
    expect(ids(patchList(whole, open, change([pushed(row(1, 10))]), ME))).toEqual([[9, 8, 1]]);
  });

  it("several rows in one event each go to their place", () => {
    const list = data(page([row(3, 30), row(2, 20), row(1, 10)]));
    const out = patchList(
      list,
      open,
      change([pushed(row(1, 50)), pushed(row(4, 25)), pushed(row(3, 30), ["closed"])]),
      ME,
    );
    expect(ids(out)).toEqual([[1, 4, 2]]);
  });

  it("cannot patch a search, which only the server can judge: the list is read again", () => {
    const searching: ListShape = { ...open, q: "refund" };
    const list = data(page([row(2, 20)]));
    expect(belongs(pushed(row(3, 30)), searching, ME)).toBeNull();
    expect(patchList(list, searching, change([pushed(row(3, 30))]), ME)).toBeNull();
    // A conversation gone (erased) leaves every list, a search's too.
    expect(ids(patchList(list, searching, change([], [row(2, 20).id]), ME))).toEqual([[]]);
  });

  it("reads the list keys, the stream's rows events and refuses anything else", () => {
    expect(listShapeOf(["inbox", "s", "list", "mine", "", open.view])).toEqual({
      filter: "mine",
      q: "",
      view: open.view,
    });
    expect(listShapeOf(["inbox", "s", "thread", "c1"])).toBeNull();
    const wire = JSON.stringify(change([pushed(row(1, 10))]));
    expect(parseListChanges(wire)).toEqual(change([pushed(row(1, 10))]));
    expect(parseListChanges('{"refetch":true}')).toBe("refetch");
    expect(parseListChanges("not json")).toBeNull();
    expect(parseListChanges('{"rows":[]}')).toBeNull();
  });

  it("spreads the reads it falls back to over a second", () => {
    expect(refetchDelay(() => 0)).toBe(150);
    expect(refetchDelay(() => 0.999)).toBeLessThan(1000);
  });
});
