// Workspace slugs are the first path segment of every workspace page, so they must not shadow
// the app's own top-level routes.
const RESERVED = new Set([
  "api",
  "app",
  "sandbox",
  "sign-in",
  "sign-up",
  "sign-out",
  "invite",
  "new",
  "account",
  "forgot-password",
  "reset-password",
  "verify-email",
  "docs",
]);

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "workspace";
}

export function firstFreeSlug(base: string, taken: Set<string>): string {
  const free = (s: string) => !taken.has(s) && !RESERVED.has(s);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (free(candidate)) return candidate;
  }
}
