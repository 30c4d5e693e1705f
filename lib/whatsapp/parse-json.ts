// PostgreSQL's text and jsonb cannot hold U+0000, which JSON allows as \u0000. Such characters
// become U+FFFD, so a delivery that contains one is stored instead of failing on every retry.
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD");
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]),
    );
  }
  return value;
}

/** JSON.parse for webhook bodies; throws SyntaxError like JSON.parse. */
export function parseWebhookJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return text.includes("\\u0000") ? withoutNul(value) : value;
}
