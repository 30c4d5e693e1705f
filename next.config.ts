import type { NextConfig } from "next";
import { SANDBOX_PHONE_HEADERS, staticSecurityHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time; undici (the
  // pinned connections to tenants' AI addresses) runs as installed, as in the tests.
  serverExternalPackages: ["@electric-sql/pglite", "undici"],
  poweredByHeader: false,
  typedRoutes: true,
  // Read when the server starts (next start loads this file), so HSTS follows the deployment's
  // APP_URL. The per-request Content Security Policy is set in proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders(process.env.APP_URL) },
      // Later entries override earlier ones for the same header.
      { source: "/sandbox/phone", headers: SANDBOX_PHONE_HEADERS },
    ];
  },
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 for members whose role does not allow a page.
    authInterrupts: true,
    // An FAQ import file travels inside a server action; escaped as JSON it can double in size.
    serverActions: { bodySizeLimit: "2mb" },
    // Requests pass through proxy.ts whole: a knowledge document may be up to 20 MB.
    proxyClientMaxBodySize: "21mb",
  },
};

export default nextConfig;
