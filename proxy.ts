import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { buildCsp, isHttps, newNonce } from "@/lib/security/headers";
import { requestIdFrom } from "@/lib/security/request-id";

// Not an auth layer (pages and routes check access themselves): this gives every request an id
// for the logs, and every page a Content Security Policy with its own script nonce. Next reads
// the nonce from the policy on the forwarded request and puts it on its own script tags.
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const csp = buildCsp({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === "development",
    https: isHttps(getEnv().appUrl),
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Build output and static files carry no inline scripts and need no request id. Meta's
  // webhooks (the busiest route by far) are JSON only and set their request id themselves. The
  // static headers (nosniff, referrer, permissions, HSTS) come from next.config.ts on every
  // response. A file sent from the inbox (up to WhatsApp's 100 MB) goes straight to its route,
  // so the proxy never holds it in memory.
  matcher: [
    "/((?!_next/static|_next/image|api/webhooks/|favicon.ico|[^/]+/inbox/[^/]+/attachments$|.*\\.(?:png|jpg|jpeg|svg|ico|webp|txt)$).*)",
  ],
};
