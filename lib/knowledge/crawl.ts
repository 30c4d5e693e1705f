import { parseHTML } from "linkedom";
import robotsParser from "robots-parser";
import { isEndpointRefused } from "@/lib/ai/public-endpoint";
import { hasBrand, setBrand } from "@/lib/errors/brand";
import { readHtml } from "./read-html";
import type { SiteFetch } from "./site-fetch";

export type SiteProblem =
  | "robots"
  | "forbidden"
  | "not_found"
  | "http_error"
  | "not_html"
  | "unreachable"
  | "refused"
  | "no_text";

/** A website that could not be read, with the reason in the owner's words. */
export class SiteUnreadable extends Error {
  override name = "SiteUnreadable";
  constructor(
    readonly problem: SiteProblem,
    message: string,
  ) {
    super(message);
    setBrand(this, "SiteUnreadable");
  }
}

export const isSiteUnreadable = (error: unknown): error is SiteUnreadable =>
  hasBrand(error, "SiteUnreadable");

export type CrawledPage = { url: string; title: string; text: string };
export type CrawlResult = { pages: CrawledPage[]; skipped: number; limited: boolean };

const BOT = "ParleyBot";
// Addresses that name files rather than pages are not fetched.
const NOT_A_PAGE =
  /\.(pdf|jpe?g|png|gif|webp|svg|ico|css|js|json|zip|gz|mp3|mp4|mov|avi|docx?|xlsx?|pptx?|woff2?|ttf)$/i;
const MAX_SITEMAPS = 4;
const MAX_CRAWL_DELAY_MS = 2_000;

const isHtml = (type: string) => type.includes("text/html") || type.includes("application/xhtml");

function sameSite(url: URL, host: string) {
  return url.hostname.replace(/^www\./, "") === host.replace(/^www\./, "");
}

/** The page addresses a sitemap lists (or the sitemaps a sitemap index lists). */
function sitemapLocations(xml: string): { pages: string[]; sitemaps: string[] } {
  const { document } = parseHTML(xml.replace(/^\s*<\?xml[^>]*>/, ""));
  const locs = (selector: string) =>
    [...document.querySelectorAll(selector)]
      .map((el) => (el.textContent ?? "").trim())
      .filter(Boolean);
  return { pages: locs("url > loc"), sitemaps: locs("sitemap > loc") };
}

function statusProblem(status: number, url: string): SiteUnreadable {
  if (status === 401 || status === 403 || status === 429) {
    return new SiteUnreadable(
      "forbidden",
      `The website refused to let us read ${url} (HTTP ${status}). It may block automated visitors: allow ParleyBot, or paste the text instead.`,
    );
  }
  if (status === 404 || status === 410) {
    return new SiteUnreadable(
      "not_found",
      `There is no page at ${url} (HTTP ${status}). Check the address.`,
    );
  }
  return new SiteUnreadable(
    "http_error",
    `The website answered ${url} with an error (HTTP ${status}). Try again later.`,
  );
}

/**
 * Reads a website: the start page, then same-site pages from its `sitemap.xml` (when it has one)
 * and its links, up to `maxPages`, skipping whatever `robots.txt` does not allow ParleyBot to
 * read. Throws `SiteUnreadable` when the start page itself cannot be read, or no page has text.
 */
export async function crawlSite(
  startUrl: string,
  options: { maxPages: number; fetch: SiteFetch; sleep?: (ms: number) => Promise<void> },
): Promise<CrawlResult> {
  const get = options.fetch;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const start = new URL(startUrl);
  start.hash = "";

  const robotsUrl = new URL("/robots.txt", start).href;
  let robots = robotsParser(robotsUrl, "");
  try {
    const found = await get(robotsUrl);
    if (found.status === 200) robots = robotsParser(robotsUrl, found.body);
  } catch (error) {
    if (isEndpointRefused(error)) throw new SiteUnreadable("refused", error.message);
    // No robots.txt to be had: the start page's own fetch says whether the site is there.
  }
  const allowed = (url: string) => robots.isAllowed(url, BOT) !== false;
  if (!allowed(start.href)) {
    throw new SiteUnreadable(
      "robots",
      `The website's robots.txt does not allow automated reading of ${start.href}. Allow ParleyBot in robots.txt, or paste the text instead.`,
    );
  }
  const delay = Math.min((robots.getCrawlDelay(BOT) ?? 0) * 1000, MAX_CRAWL_DELAY_MS);

  let first: Awaited<ReturnType<SiteFetch>>;
  try {
    first = await get(start.href);
  } catch (error) {
    if (isEndpointRefused(error)) throw new SiteUnreadable("refused", error.message);
    throw new SiteUnreadable(
      "unreachable",
      `The website at ${start.host} could not be reached. Check the address and try again.`,
    );
  }
  if (first.status >= 400) throw statusProblem(first.status, start.href);
  if (!isHtml(first.contentType)) {
    throw new SiteUnreadable(
      "not_html",
      `${start.href} is not a web page (it is ${first.contentType.split(";")[0] || "an unknown kind of file"}). To add a document, upload it as a file.`,
    );
  }
  const host = new URL(first.url).hostname;
  const seen = new Set<string>([start.href, first.url]);
  const queue: string[] = [];
  const enqueue = (raw: string) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return;
    }
    url.hash = "";
    if (!sameSite(url, host) || NOT_A_PAGE.test(url.pathname) || seen.has(url.href)) return;
    if (!allowed(url.href)) return;
    seen.add(url.href);
    queue.push(url.href);
  };

  // The sitemap's pages come first: the site's own list of what matters.
  const sitemaps =
    robots.getSitemaps().length > 0 ? robots.getSitemaps() : [new URL("/sitemap.xml", start).href];
  for (let i = 0; i < sitemaps.length && i < MAX_SITEMAPS; i++) {
    try {
      const map = await get(sitemaps[i] as string);
      if (map.status !== 200) continue;
      const { pages, sitemaps: nested } = sitemapLocations(map.body);
      for (const page of pages) enqueue(page);
      for (const child of nested) if (!sitemaps.includes(child)) sitemaps.push(child);
    } catch {
      // A missing or unreadable sitemap leaves the links to follow.
    }
  }

  const pages: CrawledPage[] = [];
  let skipped = 0;
  const take = (url: string, body: string) => {
    const page = readHtml(body, url);
    for (const link of page.links) enqueue(link);
    if (/\p{L}/u.test(page.text)) pages.push({ url, title: page.title, text: page.text });
    else skipped++;
  };
  take(first.url, first.body);
  while (queue.length > 0 && pages.length < options.maxPages) {
    const url = queue.shift() as string;
    if (delay > 0) await sleep(delay);
    try {
      const page = await get(url);
      if (page.status >= 400 || !isHtml(page.contentType)) {
        skipped++;
        continue;
      }
      take(page.url, page.body);
    } catch {
      skipped++;
    }
  }
  if (pages.length === 0) {
    throw new SiteUnreadable(
      "no_text",
      `We found no readable text at ${start.href}. If the site is built with scripts only, paste its text instead.`,
    );
  }
  return { pages, skipped, limited: queue.length > 0 };
}
