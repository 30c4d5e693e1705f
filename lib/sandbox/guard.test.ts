import { describe, expect, it } from "vitest";
import { sandboxRoute } from "./guard";

describe("sandbox routes", () => {
  it("answer 404 with the error shape when the sandbox is off, and run when it is on", async () => {
    const handler = async () => new Response("emulated");
    const off = await sandboxRoute(handler, () => false)();
    expect(off.status).toBe(404);
    expect(await off.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
    expect(await (await sandboxRoute(handler, () => true)()).text()).toBe("emulated");
  });
});
