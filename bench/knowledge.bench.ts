import { performance } from "node:perf_hooks";
import type { DatabaseKind } from "@/db";
import {
  createKnowledgeSource,
  replaceKnowledgePassages,
  requestKnowledgeSync,
} from "@/db/queries/knowledge";
import { ingestKnowledgeSource } from "@/lib/knowledge/ingest";
import { passagesForQuestion } from "@/lib/knowledge/retrieve";
import { searchTextOf } from "@/lib/knowledge/split";
import { createTestDatabase } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { makePdf } from "@/lib/testing/test-pdf";
import { ms, percentile, type Row } from "./stats";
import { PRODUCTS } from "./vocabulary";

const PDF_PAGES = 200;
const INDEX_RUNS = 2;
const NEIGHBOUR_PASSAGES = 10_000;

const progress = (line: string) => process.stderr.write(`knowledge bench: ${line}\n`);
const PASSAGES = 50_000;
const QUERIES = 300;

// A deterministic stream of numbers, so every run indexes and searches the same text.
function random(seed: number) {
  let s = seed >>> 0;
  // mulberry32: 32-bit integer arithmetic only, so the stream does not collapse into a short cycle.
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Words as a business document has them: a few very common, most rare (Zipf-like), so some
// question words match thousands of passages and others a handful.
const COMMON =
  "price delivery order store open service warranty payment return size colour stock shop week day customer team available free".split(
    " ",
  );
function vocabulary(n: number) {
  const next = random(7);
  const letters = "abcdefghijklmnoprstuvwyz";
  const words = new Set<string>([...COMMON, ...PRODUCTS]);
  // Made-up words of 4 to 9 letters: like a real vocabulary, few begin with another whole word.
  while (words.size < n) {
    const length = 4 + Math.floor(next() * 6);
    words.add(Array.from({ length }, () => letters[Math.floor(next() * letters.length)]).join(""));
  }
  return [...words];
}
const WORDS = vocabulary(8_000);
// One word in ten is one of the 20 common ones (each then in about a third of the passages), the
// rest spread over the vocabulary, the lower ranks more often.
function zipfWord(next: () => number) {
  if (next() < 0.1) return COMMON[Math.floor(next() * COMMON.length)] as string;
  return WORDS[Math.min(WORDS.length - 1, Math.floor(WORDS.length ** next()) - 1)] as string;
}
function sentence(next: () => number, words = 14) {
  const s = Array.from({ length: words }, () => zipfWord(next)).join(" ");
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** A 200-page price list and policy handbook: a heading and ~45 lines of text a page. */
async function handbook(): Promise<Uint8Array> {
  const next = random(42);
  const pages = Array.from({ length: PDF_PAGES }, (_, p) => {
    const lines = [`Section ${p + 1}: ${zipfWord(next)} ${zipfWord(next)}`, ""];
    for (let i = 0; i < 44; i++) lines.push(i % 9 === 8 ? "" : sentence(next, 11));
    return lines;
  });
  return makePdf(pages);
}

async function indexing(kind: DatabaseKind): Promise<Row> {
  const handle = await createTestDatabase(kind);
  try {
    const { workspaceId } = await seedWorkspace(handle.db, "Bench");
    const pdf = Buffer.from(await handbook());
    const source = await createKnowledgeSource(handle.db, {
      workspaceId,
      kind: "file",
      title: "Handbook",
      fileName: "handbook.pdf",
      mimeType: "application/pdf",
      sizeBytes: pdf.byteLength,
      content: pdf,
    });
    const times: number[] = [];
    let passages = 0;
    for (let run = 0; run <= INDEX_RUNS; run++) {
      const requestedAt = await requestKnowledgeSync(handle.db, { workspaceId, id: source.id });
      if (!requestedAt) throw new Error("source gone");
      const start = performance.now();
      const outcome = await ingestKnowledgeSource(
        { db: handle.db },
        { workspaceId, sourceId: source.id, requestedAt: requestedAt.toISOString() },
      );
      if (outcome.outcome !== "ready") throw new Error(`indexing ended ${outcome.outcome}`);
      passages = outcome.passages;
      // The first run warms up the PDF reader and the database.
      if (run > 0) times.push(performance.now() - start);
      progress(`${kind}: indexing run ${run} took ${ms(performance.now() - start)}`);
    }
    times.sort((a, b) => a - b);
    const median = percentile(times, 50);
    return {
      benchmark: "knowledge: 200-page PDF read, split and indexed",
      engine: kind,
      n: times.length,
      throughput: `${(PDF_PAGES / (median / 1000)).toFixed(0)} pages/s`,
      p50: ms(median),
      p95: ms(percentile(times, 95)),
      extra: `${(pdf.byteLength / 1024).toFixed(0)} KB, ${passages} passages, whole job step`,
    };
  } finally {
    await handle.close();
  }
}

async function retrieval(kind: DatabaseKind): Promise<Row> {
  const handle = await createTestDatabase(kind);
  try {
    const { workspaceId } = await seedWorkspace(handle.db, "Bench");
    const other = await seedWorkspace(handle.db, "Neighbour");
    const next = random(99);
    const seeded = performance.now();
    // 50,000 passages in one workspace (50 sources of 1,000), and 10,000 in another workspace.
    for (const [ws, total] of [
      [workspaceId, PASSAGES],
      [other.workspaceId, NEIGHBOUR_PASSAGES],
    ] as const) {
      for (let s = 0; s < total / 1_000; s++) {
        const source = await createKnowledgeSource(handle.db, {
          workspaceId: ws,
          kind: "text",
          title: `Document ${s}`,
        });
        const passages = Array.from({ length: 1_000 }, () => {
          const text = Array.from({ length: 6 }, () => sentence(next)).join(" ");
          const p = { heading: sentence(next, 3), pageUrl: null, text };
          return { ...p, searchText: searchTextOf(p) };
        });
        await replaceKnowledgePassages(handle.db, {
          workspaceId: ws,
          sourceId: source.id,
          requestedAt: source.syncRequestedAt,
          passages,
        });
        if (s % 10 === 9) progress(`${kind}: ${(s + 1) * 1_000} passages seeded`);
      }
    }
    const seedMs = performance.now() - seeded;
    const questions = Array.from(
      { length: QUERIES },
      () =>
        `Hi, can you tell me about the ${zipfWord(next)} ${zipfWord(next)} and ${zipfWord(next)} ${zipfWord(next)}?`,
    );
    for (let i = 0; i < 10; i++) {
      await passagesForQuestion(
        { db: handle.db },
        { workspaceId, question: questions[i] as string },
      );
    }
    const times: number[] = [];
    let found = 0;
    for (const question of questions) {
      const start = performance.now();
      const passages = await passagesForQuestion({ db: handle.db }, { workspaceId, question });
      times.push(performance.now() - start);
      if (passages.length > 0) found++;
    }
    times.sort((a, b) => a - b);
    return {
      benchmark: "knowledge: passages for a question, 50,000 in the workspace",
      engine: kind,
      n: times.length,
      p50: ms(percentile(times, 50)),
      p95: ms(percentile(times, 95)),
      p99: ms(percentile(times, 99)),
      extra: `goal p95 < 50 ms; ${found}/${QUERIES} found passages; lexical (GIN); seeded 60,000 in ${(seedMs / 1000).toFixed(0)} s`,
    };
  } finally {
    await handle.close();
  }
}

/** Retrieval over 50,000 passages (PostgreSQL when available), and indexing on each database. */
export async function knowledgeBench(kinds: DatabaseKind[]): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(await retrieval(kinds.includes("postgres") ? "postgres" : "pglite"));
  for (const kind of [...kinds].reverse()) rows.push(await indexing(kind));
  return rows;
}
