import { isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import {
  EndpointRefused,
  isEndpointRefused,
  isPublicAddress,
  pinnedDispatcher,
} from "@/lib/ai/public-endpoint";

export type SiteResponse = { url: string; status: number; contentType: string; body: string };
export type SiteFetch = (url: string) => Promise<SiteResponse>;

export const CRAWLER_USER_AGENT =
  "ParleyBot/1.0 (+knowledge sync for a business's WhatsApp assistant)";
const MAX_REDIRECTS = 5;
const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

/**
 * fetch for a business's website: http or https, redirects followed one hop at a time (each hop
 * checked), the body cut at a few megabytes. With `publicOnly` (production, unless
 * ALLOW_PRIVATE_NETWORK_FETCH), every connection goes only to a checked public address, so a
 * website address cannot reach this server's own network.
 */
export function createSiteFetch(options: { publicOnly: boolean }): SiteFetch {
  const dispatcher = options.publicOnly ? pinnedDispatcher() : new Agent();
  return async (start) => {
    let url = new URL(start);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new EndpointRefused("Only http:// and https:// addresses can be read.");
      }
      const host = url.hostname.replace(/^\[|\]$/g, "");
      if (options.publicOnly && isIP(host) && !isPublicAddress(host)) {
        throw new EndpointRefused(
          "Use a public address: this server does not call addresses on its own network.",
        );
      }
      let response: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        response = await undiciFetch(url, {
          redirect: "manual",
          dispatcher,
          headers: {
            "user-agent": CRAWLER_USER_AGENT,
            accept: "text/html,application/xhtml+xml,text/plain,application/xml;q=0.9,*/*;q=0.5",
          },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (isEndpointRefused(cause)) throw cause;
        throw error;
      }
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new Error("Too many redirects");
        url = new URL(location, url);
        continue;
      }
      return {
        url: url.href,
        status: response.status,
        contentType: (response.headers.get("content-type") ?? "").toLowerCase(),
        body: await readCapped(response.body as ReadableStream<Uint8Array> | null, MAX_PAGE_BYTES),
      };
    }
  };
}

async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= limit) {
      await reader.cancel();
      break;
    }
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
