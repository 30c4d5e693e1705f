import type { Db } from "@/db";
import {
  failKnowledgeSource,
  getKnowledgeContent,
  getKnowledgeSource,
  type KnowledgeSource,
  replaceKnowledgePassages,
} from "@/db/queries/knowledge";
import { extractDocumentText, isUnreadableDocument } from "@/lib/documents/extract-text";
import { getEnv } from "@/lib/env";
import { crawlSite, isSiteUnreadable } from "./crawl";
import { DEFAULT_MAX_PAGES, MAX_SOURCE_CHARS } from "./limits";
import { createSiteFetch, type SiteFetch } from "./site-fetch";
import { type Section, searchTextOf, splitIntoPassages } from "./split";
import { websiteTitle } from "./titles";

export type IngestDeps = { db: Db; fetchSite?: SiteFetch };
export type IngestRequest = { workspaceId: string; sourceId: string; requestedAt: string };
export type IngestOutcome = {
  outcome: "ready" | "failed" | "overtaken";
  passages: number;
  reason?: string;
};

type Read = {
  sections: Section[];
  sizeBytes?: number;
  pagesCrawled?: number;
  note?: string;
  /** A better title than the one the source has: a website's own name, once read. */
  title?: string;
};

const formatCount = (n: number) => n.toLocaleString("en-US");

/** A problem with the source itself (its reason is for the owner), as opposed to an outage. */
class Refused {
  constructor(
    readonly reason: string,
    readonly pagesCrawled?: number,
  ) {}
}

async function readSource(
  deps: IngestDeps,
  source: KnowledgeSource,
  workspaceId: string,
): Promise<Read> {
  if (source.kind === "website") {
    const fetch =
      deps.fetchSite ?? createSiteFetch({ publicOnly: getEnv().ai.publicEndpointsOnly });
    try {
      const crawl = await crawlSite(source.startUrl ?? "", {
        maxPages: source.maxPages ?? DEFAULT_MAX_PAGES,
        fetch,
      });
      let left = MAX_SOURCE_CHARS;
      const sections: Section[] = [];
      for (const page of crawl.pages) {
        if (left <= 0) break;
        const text = page.text.slice(0, left);
        left -= text.length;
        sections.push({ text, heading: page.title || null, pageUrl: page.url });
      }
      const size = sections.reduce((sum, s) => sum + s.text.length, 0);
      const siteName = crawl.pages[0]?.title.slice(0, 200);
      const untitled = source.startUrl !== null && source.title === websiteTitle(source.startUrl);
      return {
        sections,
        sizeBytes: size,
        pagesCrawled: crawl.pages.length,
        ...(untitled && siteName && { title: siteName }),
        ...(crawl.limited && {
          note: `Read the first ${formatCount(crawl.pages.length)} pages; raise the page limit to read more.`,
        }),
      };
    } catch (error) {
      if (isSiteUnreadable(error)) throw new Refused(error.message, 0);
      throw error;
    }
  }
  const bytes = await getKnowledgeContent(deps.db, { workspaceId, sourceId: source.id });
  if (!bytes) throw new Refused("The uploaded content is missing. Add the source again.");
  if (source.kind === "text") {
    return { sections: [{ text: bytes.toString("utf8").slice(0, MAX_SOURCE_CHARS) }] };
  }
  try {
    const doc = await extractDocumentText(
      new Uint8Array(bytes),
      { mimeType: source.mimeType, fileName: source.fileName },
      { maxChars: MAX_SOURCE_CHARS },
    );
    const sections =
      doc.kind === "pdf"
        ? doc.pages.map((text, i) => ({ text, heading: `Page ${i + 1}` }))
        : doc.pages.map((text) => ({ text }));
    return {
      sections,
      ...(doc.truncated && {
        note: `The document is long: only its first ${formatCount(MAX_SOURCE_CHARS)} characters were read.`,
      }),
    };
  } catch (error) {
    if (isUnreadableDocument(error)) throw new Refused(error.message);
    throw error;
  }
}

/**
 * Reads a source (a file, pasted text or a website), splits it into passages and indexes them in
 * place of the earlier ones. A source that cannot be read is marked failed with the reason; an
 * outage (database, network after the start page) throws, so the job tries again. A run asked for
 * before the latest request (`requestedAt`) writes nothing.
 */
export async function ingestKnowledgeSource(
  deps: IngestDeps,
  request: IngestRequest,
): Promise<IngestOutcome> {
  const requestedAt = new Date(request.requestedAt);
  const source = await getKnowledgeSource(deps.db, {
    workspaceId: request.workspaceId,
    id: request.sourceId,
  });
  if (!source || source.syncRequestedAt.getTime() !== requestedAt.getTime()) {
    return { outcome: "overtaken", passages: 0 };
  }
  let read: Read;
  try {
    read = await readSource(deps, source, request.workspaceId);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await failKnowledgeSource(deps.db, {
      workspaceId: request.workspaceId,
      sourceId: request.sourceId,
      requestedAt,
      reason: error.reason,
      ...(error.pagesCrawled !== undefined && { pagesCrawled: error.pagesCrawled }),
    });
    return { outcome: "failed", passages: 0, reason: error.reason };
  }
  const passages = splitIntoPassages(read.sections).map((p) => ({
    ...p,
    searchText: searchTextOf(p),
  }));
  const written = await replaceKnowledgePassages(deps.db, {
    workspaceId: request.workspaceId,
    sourceId: request.sourceId,
    requestedAt,
    passages,
    ...(read.sizeBytes !== undefined && { sizeBytes: read.sizeBytes }),
    ...(read.pagesCrawled !== undefined && { pagesCrawled: read.pagesCrawled }),
    note: read.note ?? null,
    ...(read.title && { title: read.title }),
  });
  return written
    ? { outcome: "ready", passages: passages.length }
    : { outcome: "overtaken", passages: 0 };
}
