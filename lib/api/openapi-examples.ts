type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  oneOf?: Schema[];
};

/** A small example value for a JSON schema: required fields only, each with a plain value. */
export function exampleOf(schema: Schema | undefined, name = "value"): unknown {
  if (!schema) return null;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.oneOf) return exampleOf(schema.oneOf[0], name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(
        (schema.required ?? Object.keys(schema.properties ?? {})).map((key) => [
          key,
          exampleOf(schema.properties?.[key], key),
        ]),
      );
    case "array":
      return [exampleOf(schema.items, name)];
    case "integer":
    case "number":
      return schema.minimum ?? 0;
    case "boolean":
      return true;
    case "string":
      if (schema.format === "date-time") return "2026-12-01T09:30:00.000Z";
      if (schema.format === "uuid") return "5b8f2f1e-8d7a-4c55-9a51-0c3e1c2d9f10";
      return `${name}`;
    default:
      return null;
  }
}

/** A curl command for one operation, with an example body when it takes one. */
export function curlExample(p: {
  serverUrl: string;
  method: string;
  path: string;
  body?: Schema;
  /** The body to show instead of one made from the schema. */
  example?: unknown;
}): string {
  const url = `${p.serverUrl}${p.path.replace("{id}", "5b8f2f1e-8d7a-4c55-9a51-0c3e1c2d9f10")}`;
  const lines = [
    `curl${p.method === "get" ? "" : ` -X ${p.method.toUpperCase()}`} ${url}`,
    `  -H "Authorization: Bearer $PARLEY_API_KEY"`,
  ];
  if (p.body) {
    lines.push(`  -H "Content-Type: application/json"`);
    if (p.method !== "get") lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
    lines.push(`  -d '${JSON.stringify(p.example ?? exampleOf(p.body))}'`);
  }
  return lines.join(" \\\n");
}
