import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: true,
  // forbidden() renders app/forbidden.tsx with a 403 for members whose role does not allow a page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
