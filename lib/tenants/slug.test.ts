import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { firstFreeSlug } from "./slug";

// Every first path segment the app serves, route groups looked through.
function topLevelRoutes(dir = path.join(process.cwd(), "app")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("_") && !e.name.startsWith("["))
    .flatMap((e) => (e.name.startsWith("(") ? topLevelRoutes(path.join(dir, e.name)) : [e.name]));
}

describe("workspace slugs", () => {
  it("never take the name of a page of the app's own", () => {
    const routes = topLevelRoutes();
    expect(routes).toEqual(expect.arrayContaining(["account", "reset-password", "verify-email"]));
    for (const route of routes) expect(firstFreeSlug(route, new Set())).not.toBe(route);
  });
});
