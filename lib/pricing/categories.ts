/**
 * Meta's pricing categories as status webhooks name them. Meta writes the international
 * authentication rate's category both with an underscore and with a hyphen; Parley keeps the
 * underscore.
 */
export const META_CATEGORIES = [
  "marketing",
  "marketing_lite",
  "utility",
  "authentication",
  "authentication_international",
  "service",
  "referral_conversion",
] as const;

export type MetaCategory = (typeof META_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<MetaCategory, string> = {
  marketing: "Marketing",
  marketing_lite: "Marketing (Lite API)",
  utility: "Utility",
  authentication: "Authentication",
  authentication_international: "Authentication (international)",
  service: "Service",
  referral_conversion: "Ad referral",
};

/** A category as stored: lower case, hyphens as underscores ("authentication-international"). */
export const normalizeCategory = (category: string) =>
  category.trim().toLowerCase().replaceAll("-", "_");

export const categoryLabel = (category: string) =>
  (CATEGORY_LABELS as Record<string, string>)[category] ?? category;
