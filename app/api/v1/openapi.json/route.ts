import { openApiDocument } from "@/lib/api/openapi";
import { getEnv } from "@/lib/env";

// GET /api/v1/openapi.json – the public API's OpenAPI 3.1 document; public, like any API reference
export function GET() {
  return Response.json(openApiDocument(`${getEnv().appUrl}/api/v1`), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
