import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./openapi";
import { curlExample, exampleOf } from "./openapi-examples";

describe("API reference examples", () => {
  it("fills the required fields of a request body", () => {
    const body = OPERATIONS["/faqs"]?.post?.body;
    expect(exampleOf(body)).toEqual({ question: "question", answer: "answer" });
  });

  it("writes a curl command with the key from the environment, never a real key", () => {
    const command = curlExample({
      serverUrl: "https://parley.example/api/v1",
      method: "delete",
      path: "/faqs/{id}",
    });
    expect(command).toBe(
      'curl -X DELETE https://parley.example/api/v1/faqs/5b8f2f1e-8d7a-4c55-9a51-0c3e1c2d9f10 \\\n  -H "Authorization: Bearer $PARLEY_API_KEY"',
    );
  });
});
