import { describe, expect, it, vi } from "vitest";

// `next build` can hold two copies of one module in a process; vi.resetModules gives a second.
async function twoCopies() {
  const first = await import("@/lib/whatsapp/graph-errors");
  vi.resetModules();
  const second = await import("@/lib/whatsapp/graph-errors");
  return { first, second };
}

describe("errors recognised across bundle copies", () => {
  it("a GraphError made by another copy of the module is recognised by its brand", async () => {
    const { first, second } = await twoCopies();
    expect(first.GraphError).not.toBe(second.GraphError);
    const error = second.GraphError.fromResponse(400, { error: { code: 100, message: "bad" } });
    expect(error instanceof first.GraphError).toBe(false);
    expect(first.isGraphError(error)).toBe(true);
    expect(first.isGraphError(new Error("plain"))).toBe(false);
    expect(first.isGraphError({ code: 100, kind: "permanent" })).toBe(false);
  });

  it("API, AI and secret errors carry their brands too", async () => {
    const api = await import("@/lib/api/errors");
    vi.resetModules();
    const api2 = await import("@/lib/api/errors");
    const response = api.toErrorResponse(new api2.ApiError("not_found", "No such thing"));
    expect(response.status).toBe(404);
    const ai = await import("@/lib/ai/reply");
    expect(ai.isAiUnavailable(new ai.AiUnavailableError([]))).toBe(true);
    const secrets = await import("@/lib/crypto/secrets");
    expect(secrets.isSecretDecryptionError(new secrets.SecretDecryptionError("x"))).toBe(true);
    expect(secrets.isSecretDecryptionError(new Error("x"))).toBe(false);
  });
});
