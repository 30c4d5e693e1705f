import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSite } from "@/lib/testing/knowledge-site";
import { crawlSite, isSiteUnreadable } from "./crawl";
import { createSiteFetch } from "./site-fetch";

const fetchLocal = createSiteFetch({ publicOnly: false });

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isSiteUnreadable(error)) return { problem: error.problem, message: error.message };
    throw error;
  }
  throw new Error("expected the crawl to fail");
}

describe("crawling a website", () => {
  let site: Awaited<ReturnType<typeof startTestSite>>;
  beforeAll(async () => {
    site = await startTestSite();
  });
  afterAll(() => site.close());

  it("reads the start page, the sitemap's pages and links, never what robots.txt forbids", async () => {
    const result = await crawlSite(`${site.origin}/`, { maxPages: 10, fetch: fetchLocal });
    const urls = result.pages.map((p) => p.url);
    expect(urls[0]).toBe(`${site.origin}/`);
    expect(urls).toContain(`${site.origin}/delivery`);
    expect(urls).toContain(`${site.origin}/about`);
    expect(urls.some((u) => u.includes("/private/"))).toBe(false);
    expect(site.hits.some((h) => h.startsWith("/private/"))).toBe(false);
    expect(site.hits).toContain("/robots.txt");
    expect(site.hits).toContain("/sitemap.xml");
    // A page that errors is skipped, not fatal.
    expect(result.skipped).toBe(1);
    const delivery = result.pages.find((p) => p.url.endsWith("/delivery"));
    expect(delivery?.title).toBe("Delivery");
    expect(delivery?.text).toContain("## Bicycle delivery");
    expect(delivery?.text).toContain("500 shillings");
    // Navigation and footer are not the page's text.
    expect(delivery?.text).not.toContain("Admin");
  });

  it("stops at the page limit and says there was more", async () => {
    const result = await crawlSite(`${site.origin}/`, { maxPages: 2, fetch: fetchLocal });
    expect(result.pages).toHaveLength(2);
    expect(result.limited).toBe(true);
  });

  it("says so when robots.txt forbids the start page", async () => {
    const failure = await problemOf(
      crawlSite(`${site.origin}/private/prices`, { maxPages: 5, fetch: fetchLocal }),
    );
    expect(failure.problem).toBe("robots");
    expect(failure.message).toMatch(/robots\.txt does not allow/);
  });

  it("says so when the site refuses us, the page is missing, or it is not a web page", async () => {
    const blocked = await startTestSite({
      "/": { status: 403, body: "Forbidden" },
      "/file.txt": { type: "application/octet-stream", body: "binary" },
    });
    try {
      const forbidden = await problemOf(
        crawlSite(`${blocked.origin}/`, { maxPages: 5, fetch: fetchLocal }),
      );
      expect(forbidden).toEqual({
        problem: "forbidden",
        message: expect.stringContaining("HTTP 403"),
      });
      const missing = await problemOf(
        crawlSite(`${blocked.origin}/nope`, { maxPages: 5, fetch: fetchLocal }),
      );
      expect(missing.problem).toBe("not_found");
      const notHtml = await problemOf(
        crawlSite(`${blocked.origin}/file.txt`, { maxPages: 5, fetch: fetchLocal }),
      );
      expect(notHtml).toEqual({
        problem: "not_html",
        message: expect.stringContaining("is not a web page (it is application/octet-stream)"),
      });
    } finally {
      await blocked.close();
    }
  });

  it("says so when nothing answers at the address", async () => {
    const gone = await startTestSite({});
    await gone.close();
    const failure = await problemOf(
      crawlSite(`${gone.origin}/`, { maxPages: 5, fetch: fetchLocal }),
    );
    expect(failure.problem).toBe("unreachable");
  });

  it("refuses addresses on this server's network unless private fetches are allowed", async () => {
    const failure = await problemOf(
      crawlSite(`${site.origin}/`, { maxPages: 5, fetch: createSiteFetch({ publicOnly: true }) }),
    );
    expect(failure.problem).toBe("refused");
    expect(failure.message).toMatch(/public address/);
  });
});
