import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type SitePage = { status?: number; type?: string; body: string };

const page = (title: string, body: string, links: string[] = []) => ({
  body: `<!doctype html><html><head><title>${title}</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<main><article><h1>${title}</h1>${body}</article></main>
${links.map((l) => `<a href="${l}">${l}</a>`).join(" ")}
<footer>© Test Shop · <a href="/private/admin">Admin</a></footer></body></html>`,
});

/** A small business website: robots.txt, a sitemap, linked pages, a private area robots forbids. */
export function defaultSitePages(): Record<string, SitePage> {
  return {
    "/robots.txt": {
      type: "text/plain",
      body: "User-agent: *\nDisallow: /private/\n\nSitemap: {origin}/sitemap.xml\n",
    },
    "/sitemap.xml": {
      type: "application/xml",
      body: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{origin}/</loc></url>
  <url><loc>{origin}/delivery</loc></url>
  <url><loc>{origin}/private/prices</loc></url>
</urlset>`,
    },
    "/": page(
      "Juniper Bikes",
      "<p>Juniper Bikes sells and repairs bicycles in Kisumu since 2009.</p><p>Our workshop services every brand of bicycle, from city bikes to mountain bikes.</p>",
      ["/about", "/broken"],
    ),
    "/about": page(
      "About Juniper Bikes",
      "<p>The workshop is run by Achieng and her team of four mechanics.</p>",
    ),
    "/delivery": page(
      "Delivery",
      "<h2>Bicycle delivery</h2><p>We deliver assembled bicycles anywhere in Kisumu county for 500 shillings, within three working days.</p>",
    ),
    "/private/prices": page("Staff prices", "<p>Staff discount code STAFF50.</p>"),
    "/private/admin": page("Admin", "<p>Admin area.</p>"),
    "/broken": { status: 500, body: "oops" },
  };
}

/** Serves `pages` on 127.0.0.1 (`{origin}` in a body becomes the server's address) and counts hits. */
export async function startTestSite(pages: Record<string, SitePage> = defaultSitePages()) {
  const hits: string[] = [];
  let origin = "";
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    hits.push(path);
    const found = pages[path];
    if (!found) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html><body>Not found</body></html>");
      return;
    }
    res.writeHead(found.status ?? 200, {
      "content-type": found.type ?? "text/html; charset=utf-8",
    });
    res.end(found.body.replaceAll("{origin}", origin));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    pages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
