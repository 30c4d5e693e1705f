import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS, openApiDocument } from "./openapi";

const ROOT = join(process.cwd(), "app/api/v1");

/** Every route file under app/api/v1 as its public path and the methods it exports. */
function routes(): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const path = `/${relative(ROOT, dir).split(sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
        const source = readFileSync(full, "utf8");
        found[path] = [
          ...source.matchAll(
            /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
          ),
        ]
          .map((m) => (m[1] as string).toLowerCase())
          .sort();
      }
    }
  };
  walk(ROOT);
  delete found["/openapi.json"];
  return found;
}

describe("the OpenAPI document", () => {
  it("documents every v1 route and method, and nothing else", () => {
    const documented = Object.fromEntries(
      Object.entries(OPERATIONS).map(([path, methods]) => [path, Object.keys(methods).sort()]),
    );
    expect(documented).toEqual(routes());
  });

  it("is OpenAPI 3.1 with request bodies from the routes' own schemas", () => {
    const doc = openApiDocument("https://parley.example/api/v1");
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://parley.example/api/v1" }]);
    const post = doc.paths["/faqs"]?.post as {
      requestBody: { content: { "application/json": { schema: { required: string[] } } } };
      responses: Record<string, unknown>;
    };
    expect(post.requestBody.content["application/json"].schema.required).toEqual([
      "question",
      "answer",
    ]);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "403", "409"]));
    expect(JSON.stringify(doc)).not.toContain("$schema");
  });
});
