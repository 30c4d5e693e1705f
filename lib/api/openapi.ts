import { z } from "zod";
import { productBodySchema } from "@/lib/products/api-products";
import { createBroadcastSchema } from "@/lib/validations/broadcast";
import { contactFieldsSchema, createContactSchema } from "@/lib/validations/contact";
import { createFaqSchema } from "@/lib/validations/faq";
import { knowledgeTextSchema, knowledgeWebsiteSchema } from "@/lib/validations/knowledge";
import { sendMessageSchema } from "@/lib/validations/message";
import { IDEMPOTENCY_TTL_MS } from "./idempotency";
import { API_REQUESTS_PER_MINUTE } from "./rate-limit";

// The OpenAPI 3.1 document of the public API. Request bodies are generated from the same zod
// schemas the routes parse with, so the document cannot drift from what a route accepts; a test
// checks every route file under app/api/v1 is documented here, method by method.

type Schema = Record<string, unknown>;
type Operation = {
  summary: string;
  scope: "read" | "write";
  params?: ("id" | "page" | "contactFilters")[];
  body?: Schema;
  /** A file upload the route also takes, besides the JSON body. */
  multipart?: Schema;
  /** Example request bodies by name, the first shown in the reference's curl example. */
  examples?: Record<string, unknown>;
  ok: { status: number; description: string; schema?: Schema };
  errors: number[];
};

const bodyOf = (schema: z.ZodType): Schema => {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as Schema;
  return rest;
};

const str = { type: "string" };
const nullable = (type: string) => ({ type: [type, "null"] });
const dateTime = { type: "string", format: "date-time" };
const list = (item: Schema): Schema => ({
  type: "object",
  required: ["data", "nextCursor"],
  properties: { data: { type: "array", items: item }, nextCursor: nullable("string") },
});
const one = (item: Schema): Schema => ({
  type: "object",
  required: ["data"],
  properties: { data: item },
});
const obj = (properties: Record<string, Schema>): Schema => ({
  type: "object",
  required: Object.keys(properties),
  properties,
});

const conversation = obj({
  id: str,
  contact: obj({ waId: nullable("string"), name: nullable("string") }),
  status: { enum: ["bot", "human", "closed"] },
  lastMessageAt: dateTime,
});

const message = obj({
  id: str,
  direction: { enum: ["inbound", "outbound"] },
  type: str,
  text: nullable("string"),
  status: str,
  source: { enum: ["faq", "ai", "human", "system", null] },
  waMessageId: nullable("string"),
  createdAt: dateTime,
});

const sentMessage = obj({
  id: str,
  conversationId: str,
  contactId: str,
  direction: { enum: ["outbound"] },
  type: { enum: ["text", "template"] },
  text: { type: ["string", "null"], description: "As the customer reads it" },
  status: {
    enum: ["pending", "sent", "delivered", "read", "failed"],
    description:
      "pending until WhatsApp accepts it; later statuses arrive by webhook (`message.status`)",
  },
  source: { enum: ["human"] },
  waMessageId: nullable("string"),
  error: { type: ["object", "null"], description: "Why it failed: {code, details}" },
  createdAt: dateTime,
});

const faq = obj({
  id: str,
  question: str,
  answer: str,
  keywords: { type: "array", items: str },
  examples: { type: "array", items: str },
  priority: { type: "integer" },
  active: { type: "boolean" },
  hitCount: { type: "integer" },
  lastMatchedAt: { type: ["string", "null"], format: "date-time" },
  createdAt: dateTime,
  updatedAt: dateTime,
});

const contact = obj({
  id: str,
  phone: { type: ["string", "null"], description: "E.164, e.g. +254700123456" },
  businessScopedUserId: nullable("string"),
  username: nullable("string"),
  name: nullable("string"),
  tags: { type: "array", items: str },
  attributes: { type: "object", additionalProperties: str },
  optIn: obj({
    status: { enum: ["opted_in", "opted_out", "unknown"] },
    source: nullable("string"),
    at: { type: ["string", "null"], format: "date-time" },
  }),
  optedOut: { type: "boolean", description: "The customer sent STOP: the bot writes nothing" },
  lastMessageAt: { type: ["string", "null"], format: "date-time" },
  conversationId: nullable("string"),
  createdAt: dateTime,
  updatedAt: dateTime,
});

const product = obj({
  id: str,
  retailerId: str,
  name: str,
  description: str,
  price: { type: "string", description: 'In the currency\'s major unit, e.g. "1250.50"' },
  priceMinor: { type: "integer", description: "In the currency's minor unit (cents)" },
  currency: str,
  availability: { enum: ["in_stock", "out_of_stock"] },
  imageUrl: nullable("string"),
  link: nullable("string"),
  syncStatus: { enum: ["not_synced", "pending", "synced", "failed"] },
  syncError: nullable("string"),
  syncedAt: { type: ["string", "null"], format: "date-time" },
  createdAt: dateTime,
  updatedAt: dateTime,
});

const knowledgeSource = obj({
  id: str,
  kind: { enum: ["file", "text", "website"] },
  title: str,
  fileName: nullable("string"),
  mimeType: nullable("string"),
  sizeBytes: { type: "integer" },
  status: { enum: ["processing", "ready", "failed"] },
  failureReason: nullable("string"),
  note: nullable("string"),
  passageCount: { type: "integer" },
  startUrl: nullable("string"),
  maxPages: nullable("integer"),
  resyncHours: nullable("integer"),
  pagesCrawled: nullable("integer"),
  lastSyncedAt: { type: ["string", "null"], format: "date-time" },
  nextSyncAt: { type: ["string", "null"], format: "date-time" },
  createdAt: dateTime,
});

const count = { type: "integer" };
const broadcast = obj({
  id: str,
  name: str,
  status: { enum: ["draft", "scheduled", "sending", "cancelled", "completed"] },
  channelId: str,
  template: obj({ name: str, language: str, category: nullable("string") }),
  audience: obj({
    tags: { type: "array", items: str },
    tagMatch: { enum: ["any", "all"] },
    attributes: { type: "array", items: obj({ key: str, value: str }) },
  }),
  scheduledAt: { type: ["string", "null"], format: "date-time" },
  startedAt: { type: ["string", "null"], format: "date-time" },
  finishedAt: { type: ["string", "null"], format: "date-time" },
  createdAt: dateTime,
  progress: {
    ...obj({
      total: count,
      pending: count,
      sent: count,
      delivered: count,
      read: count,
      replied: count,
      failed: count,
      skipped: count,
      cancelled: count,
    }),
    description:
      "Recipients by status. `sent` counts every message WhatsApp accepted (delivered, read and replied included), `delivered` those delivered or further, `read` those read or replied",
  },
});

const recipient = obj({
  id: str,
  contactId: str,
  name: nullable("string"),
  phone: nullable("string"),
  status: {
    enum: ["pending", "sent", "delivered", "read", "replied", "failed", "skipped", "cancelled"],
  },
  error: {
    type: ["object", "null"],
    required: ["code", "title", "details"],
    properties: {
      code: nullable("integer"),
      title: nullable("string"),
      details: nullable("string"),
    },
    description: "Why it failed (Meta's code and reason in words) or was left out",
  },
  updatedAt: { type: ["string", "null"], format: "date-time" },
});

/** Every route of the public API: path, then method. */
export const OPERATIONS: Record<string, Record<string, Operation>> = {
  "/messages": {
    post: {
      summary:
        "Sends a message to a contact (`contactId`) or a phone number (`to`, any common format; the contact and conversation are created): a `text` inside the customer's 24-hour window, or an approved `template` of the number's WABA whose `parameters` fill its variables, as a list in order (header first) or an object by name or number. Customers who sent STOP are refused. It is queued and sent at the number's pace",
      scope: "write",
      body: bodyOf(sendMessageSchema),
      examples: {
        template: {
          to: "+254 700 123456",
          template: {
            name: "order_update",
            language: "en_US",
            parameters: ["Amina", "778", "shipped"],
          },
        },
        text: { contactId: "5b8f2f1e-8d7a-4c55-9a51-0c3e1c2d9f10", text: "Your order is ready." },
      },
      ok: {
        status: 202,
        description: "The message, queued (status pending) or already sent",
        schema: one(sentMessage),
      },
      errors: [400, 401, 403, 404, 409, 413, 422, 502, 503],
    },
  },
  "/conversations": {
    get: {
      summary: "The workspace's conversations, newest first",
      scope: "read",
      params: ["page"],
      ok: { status: 200, description: "One page of conversations", schema: list(conversation) },
      errors: [400, 401, 403],
    },
  },
  "/conversations/{id}/messages": {
    get: {
      summary: "One conversation's messages, oldest first",
      scope: "read",
      params: ["id", "page"],
      ok: { status: 200, description: "One page of messages", schema: list(message) },
      errors: [400, 401, 403, 404],
    },
  },
  "/broadcasts": {
    post: {
      summary:
        "Sends an approved template to the opted-in contacts of an audience (tags, attributes), now or at `scheduledAt`; each variable takes a fixed text or a contact field (`name`, `phone`, `attributes.<key>`) with a fallback. Contacts who opted out, stopped marketing messages or never opted in are never included",
      scope: "write",
      body: bodyOf(createBroadcastSchema),
      ok: { status: 201, description: "The broadcast, scheduled", schema: one(broadcast) },
      errors: [400, 401, 403, 413, 422],
    },
  },
  "/broadcasts/{id}": {
    get: {
      summary: "A broadcast's progress and one page of its recipients with their statuses",
      scope: "write",
      params: ["id", "page"],
      ok: {
        status: 200,
        description: "The broadcast and a page of recipients",
        schema: {
          type: "object",
          required: ["data", "nextCursor"],
          properties: {
            data: {
              ...broadcast,
              required: [...(broadcast.required as string[]), "recipients"],
              properties: {
                ...(broadcast.properties as Record<string, Schema>),
                recipients: { type: "array", items: recipient },
              },
            },
            nextCursor: nullable("string"),
          },
        },
      },
      errors: [400, 401, 403, 404],
    },
  },
  "/contacts": {
    get: {
      summary: "The workspace's contacts, oldest first, optionally filtered",
      scope: "read",
      params: ["page", "contactFilters"],
      ok: { status: 200, description: "One page of contacts", schema: list(contact) },
      errors: [400, 401, 403],
    },
    post: {
      summary: "Adds a contact by phone (international form)",
      scope: "write",
      body: bodyOf(createContactSchema),
      ok: { status: 201, description: "The new contact", schema: one(contact) },
      errors: [400, 401, 403, 409, 413, 422],
    },
  },
  "/contacts/{id}": {
    get: {
      summary: "One contact",
      scope: "read",
      params: ["id"],
      ok: { status: 200, description: "The contact", schema: one(contact) },
      errors: [401, 403, 404],
    },
    patch: {
      summary: "Changes the name, tags, attributes or marketing opt-in given",
      scope: "write",
      params: ["id"],
      body: bodyOf(contactFieldsSchema),
      ok: { status: 200, description: "The changed contact", schema: one(contact) },
      errors: [400, 401, 403, 404, 413],
    },
    delete: {
      summary:
        "Erases the contact for a data-protection request: its conversations, messages, media references and personal fields",
      scope: "write",
      params: ["id"],
      ok: { status: 204, description: "Erased" },
      errors: [401, 403, 404],
    },
  },
  "/faqs": {
    get: {
      summary: "The workspace's FAQ entries, oldest first",
      scope: "read",
      params: ["page"],
      ok: { status: 200, description: "One page of FAQ entries", schema: list(faq) },
      errors: [400, 401, 403],
    },
    post: {
      summary: "Adds an FAQ entry",
      scope: "write",
      body: bodyOf(createFaqSchema),
      ok: { status: 201, description: "The new entry", schema: one(faq) },
      errors: [400, 401, 403, 409, 413],
    },
  },
  "/faqs/{id}": {
    get: {
      summary: "One FAQ entry",
      scope: "read",
      params: ["id"],
      ok: { status: 200, description: "The entry", schema: one(faq) },
      errors: [401, 403, 404],
    },
    patch: {
      summary: "Changes the fields given; the others keep their values",
      scope: "write",
      params: ["id"],
      body: { ...bodyOf(createFaqSchema), required: [] },
      ok: { status: 200, description: "The changed entry", schema: one(faq) },
      errors: [400, 401, 403, 404, 409, 413],
    },
    delete: {
      summary: "Deletes an FAQ entry",
      scope: "write",
      params: ["id"],
      ok: { status: 204, description: "Deleted" },
      errors: [401, 403, 404],
    },
  },
  "/knowledge": {
    get: {
      summary: "The workspace's knowledge sources with their status, newest first",
      scope: "read",
      ok: { status: 200, description: "Every source", schema: list(knowledgeSource) },
      errors: [401, 403],
    },
    post: {
      summary:
        "Adds a knowledge source: a document (PDF, DOCX, TXT, Markdown; up to 20 MB) as multipart `file`, pasted text, or a website. It is read in the background",
      scope: "write",
      body: { oneOf: [bodyOf(knowledgeTextSchema), bodyOf(knowledgeWebsiteSchema)] },
      multipart: obj({ file: { type: "string", format: "binary" } }),
      ok: { status: 202, description: "The source, processing", schema: one(knowledgeSource) },
      errors: [400, 401, 403, 413, 422],
    },
  },
  "/knowledge/{id}": {
    get: {
      summary: "One knowledge source and its status",
      scope: "read",
      params: ["id"],
      ok: { status: 200, description: "The source", schema: one(knowledgeSource) },
      errors: [401, 403, 404],
    },
    delete: {
      summary: "Removes a knowledge source and its passages",
      scope: "write",
      params: ["id"],
      ok: { status: 204, description: "Deleted" },
      errors: [401, 403, 404],
    },
  },
};

OPERATIONS["/products"] = {
  get: {
    summary: "The workspace's products, oldest first",
    scope: "read",
    params: ["page"],
    ok: { status: 200, description: "One page of products", schema: list(product) },
    errors: [400, 401, 403],
  },
  post: {
    summary:
      "Creates or updates products by retailerId (a JSON list, at most 1000); all or nothing, a 400 names each item's problems in error.problems [{index, retailerId, message}]",
    scope: "write",
    body: bodyOf(productBodySchema),
    ok: {
      status: 200,
      description: "The saved products and how many were created, updated or unchanged",
      schema: obj({
        data: { type: "array", items: product },
        created: { type: "integer" },
        updated: { type: "integer" },
        unchanged: { type: "integer" },
      }),
    },
    errors: [400, 401, 403, 413],
  },
};

const ERRORS: Record<number, string> = {
  400: "The request is not valid; the message says what to change",
  401: "No API key, or a key that is not valid or was revoked",
  403: "The key lacks the scope this route needs",
  404: "The workspace has no such record",
  409: "It conflicts with a record the workspace has",
  413: "The body is too large",
  422: "The request is well formed but cannot be applied",
  429: "Too many requests: wait the seconds in `Retry-After`",
  502: "WhatsApp did not answer as expected; try again",
  503: "It could not be queued; try again in a moment",
};

const WRITE_ERRORS: Record<number, string> = {
  409: "It conflicts with the workspace's records, or a request with this Idempotency-Key is still being answered",
  422: "It cannot be applied (the code says why), or this Idempotency-Key was used for a different request",
};

const idempotencyHeader: Schema = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: `Any unique string up to 255 characters (a UUID). A repeat with the same key within ${IDEMPOTENCY_TTL_MS / 3_600_000} hours returns the first answer (status and body) with \`Idempotent-Replayed: true\`, and does nothing again; the same key with a different method, path or body → 422; a repeat while the first is still being answered → 409.`,
  schema: { type: "string", maxLength: 255 },
};

const retryAfter = {
  "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
};

const errorBody = obj({ error: obj({ code: str, message: str }) });

const PARAMETERS: Record<"id" | "page" | "contactFilters", Schema[]> = {
  contactFilters: [
    { name: "q", in: "query", description: "Part of the name, username or phone", schema: str },
    { name: "tag", in: "query", schema: str },
    { name: "optIn", in: "query", schema: { enum: ["opted_in", "opted_out", "unknown"] } },
    {
      name: "lastMessage",
      in: "query",
      description: "week, month: within the last 7 or 30 days; older: before that; never",
      schema: { enum: ["week", "month", "older", "never"] },
    },
  ],
  id: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
  page: [
    {
      name: "limit",
      in: "query",
      schema: { type: "integer", minimum: 1, maximum: 100, default: 50 },
    },
    {
      name: "cursor",
      in: "query",
      description: "The `nextCursor` of the previous page",
      schema: str,
    },
  ],
};

/** The OpenAPI 3.1 document, for `GET /api/v1/openapi.json`. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const write = method !== "get";
      const errors = [...new Set([...op.errors, ...(write ? [409, 422] : []), 429])].sort(
        (a, b) => a - b,
      );
      paths[path][method] = {
        summary: op.summary,
        description: `Needs a key with the \`${op.scope}\` scope.`,
        security: [{ apiKey: [] }],
        parameters: [
          ...(op.params ?? []).flatMap((p) => PARAMETERS[p]),
          ...(write ? [idempotencyHeader] : []),
        ],
        ...(op.body && {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: op.body,
                ...(op.examples && {
                  examples: Object.fromEntries(
                    Object.entries(op.examples).map(([name, value]) => [name, { value }]),
                  ),
                }),
              },
              ...(op.multipart && { "multipart/form-data": { schema: op.multipart } }),
            },
          },
        }),
        responses: {
          [op.ok.status]: {
            description: op.ok.description,
            ...(op.ok.schema && { content: { "application/json": { schema: op.ok.schema } } }),
          },
          ...Object.fromEntries(
            errors.map((status) => [
              status,
              {
                description: (write && WRITE_ERRORS[status]) || ERRORS[status] || "Refused",
                ...(status === 429 && { headers: retryAfter }),
                content: { "application/json": { schema: errorBody } },
              },
            ]),
          ),
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1",
      description: `A workspace's conversations, messages and bot content. Every call carries \`Authorization: Bearer <workspace API key>\`; a key only ever sees its own workspace. Errors are \`{"error":{"code","message"}}\`. Each key may make ${API_REQUESTS_PER_MINUTE} requests a minute; beyond that, and when a number's send queue is full, the answer is 429 with \`Retry-After\`. Writes accept an \`Idempotency-Key\` header.`,
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer" } },
    },
    paths,
  };
}
