import { MAX_TEXT } from "@/lib/whatsapp/split-text";

export const CANNED_LIMITS = { titleMax: 80, shortcutMax: 32, bodyMax: MAX_TEXT } as const;

// The variables a canned reply may hold, filled in when an agent inserts it in the composer.
export const CANNED_VARIABLES = {
  customer_name: "the customer's name as WhatsApp gives it",
  customer_first_name: "the first word of the customer's name",
  agent_name: "the name of the agent inserting the reply",
  business_name: "the workspace's name",
} as const;

export type CannedVariable = keyof typeof CANNED_VARIABLES;
export type CannedValues = Record<CannedVariable, string | null>;

const VARIABLE = /\{\{\s*([a-z_]+)\s*\}\}/g;

const known = (name: string): name is CannedVariable => Object.hasOwn(CANNED_VARIABLES, name);

/** The variables of a body that are not among CANNED_VARIABLES, once each, in order. */
export function unknownVariables(body: string): string[] {
  const names = [...body.matchAll(VARIABLE)].map((m) => m[1] ?? "");
  return [...new Set(names.filter((n) => !known(n)))];
}

/**
 * The body with its variables filled. A value that is unknown (a customer without a name) leaves
 * nothing, and the space it leaves before punctuation goes too: "Hi {{customer_name}}," becomes
 * "Hi,". Unknown variables stay as written, for the agent to see and edit.
 */
export function fillVariables(body: string, values: CannedValues): string {
  return body
    .replace(VARIABLE, (whole, name: string) => (known(name) ? (values[name] ?? "").trim() : whole))
    .replace(/[ \t]+([,.!?;:])/g, "$1")
    .replace(/[ \t]{2,}/g, " ");
}

/** The values for one conversation: the customer's name, the agent's and the business's. */
export function cannedValues(p: {
  customerName: string | null;
  agentName: string | null;
  businessName: string | null;
}): CannedValues {
  const customer = p.customerName?.trim() || null;
  return {
    customer_name: customer,
    customer_first_name: customer?.split(/\s+/)[0] ?? null,
    agent_name: p.agentName?.trim() || null,
    business_name: p.businessName?.trim() || null,
  };
}
