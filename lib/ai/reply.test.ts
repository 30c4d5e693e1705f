import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogs } from "@/lib/log";
import { startOpenAiStub } from "@/lib/testing/openai-stub";
import { providerChain } from "./providers";
import { generateAiReply } from "./reply";

describe("AI replies with a workspace's own endpoint in production", () => {
  let stub: Awaited<ReturnType<typeof startOpenAiStub>>;
  beforeAll(async () => {
    stub = await startOpenAiStub();
  });
  afterAll(async () => {
    await stub.close();
  });

  it("refuses a tenant address on this machine before connecting, while the operator's own local server still answers", async () => {
    const port = new URL(stub.url).port;
    const providers = providerChain(
      {
        // The operator configured this one (OPENAI_BASE_URL): it is trusted wherever it points.
        primary: { name: "openai", baseURL: stub.url, apiKey: "sk-operator", model: "gpt-4o-mini" },
        fallbacks: [],
        publicEndpointsOnly: true,
      },
      {
        provider: null,
        model: "own-model",
        baseURL: `https://localhost:${port}/v1`,
        apiKey: "sk-tenant-secret-key",
      },
    );
    const logs = captureLogs();
    let reply: Awaited<ReturnType<typeof generateAiReply>>;
    try {
      reply = await generateAiReply({
        providers,
        businessName: "Shop",
        systemPrompt: null,
        tone: "friendly",
        maxLength: 300,
        grounding: [],
        history: [],
        question: "Where is my order 4471?",
      });
    } finally {
      logs.restore();
    }
    expect(reply.provider).toBe("openai");
    expect(reply.failures).toEqual([
      { provider: "workspace", model: "own-model", error: expect.stringMatching(/^refused: /) },
    ]);
    // Only the operator's request reached the server.
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.authorization).toBe("Bearer sk-operator");
    const out = logs.lines.join("\n");
    expect(out).toContain("EndpointRefused");
    expect(out).not.toContain("sk-tenant");
    expect(out).not.toContain("4471");
  });
});
