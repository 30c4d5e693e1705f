import { type GraphError, isGraphError } from "@/lib/whatsapp/graph-errors";

// Plain-language advice for a business owner when a Graph call fails during onboarding.
// Meta's own wording stays out: it is written for developers and may quote request details.

export const SESSION_NOT_FOUND = "This signup was not found. Start a new one.";
export const SUPERSEDED =
  "A newer signup has replaced this one. Continue with the newest, or start again.";

export const OTHER_WORKSPACE =
  "This number belongs to another Parley workspace, which keeps its conversation history. Connect it from that workspace, or ask its owner to invite you there.";

/** Only Meta's answers become advice; anything else is a bug and keeps propagating. */
export function asGraphError(error: unknown): GraphError {
  if (isGraphError(error)) return error;
  throw error;
}

/** " (error 131000)" for Meta's codes; nothing for our own (no answer, unreadable answer). */
export const codeNote = (e: GraphError) => (e.code > 0 ? ` (error ${e.code})` : "");

function common(e: GraphError): string | null {
  if (e.kind === "retryable") {
    return "Facebook did not answer in time or is busy right now. Wait a minute, then retry this step.";
  }
  if (e.code === 190) {
    return "Facebook says the access Parley was given is no longer valid. Run the signup again to give fresh access.";
  }
  return null;
}

export function exchangeAdvice(e: GraphError): string {
  if (e.code === 101 || e.code === 1) {
    return "Facebook did not accept Parley's app settings, so the signup could not be completed. Ask whoever runs Parley to check the Meta app id and secret, then run the signup again.";
  }
  return "Facebook did not accept the signup's one-time code. Codes work once and only for 30 seconds, so this one is used up: run the signup again.";
}

export function tokenCheckAdvice(e: GraphError): string {
  return (
    common(e) ??
    `Parley could not check the access with Facebook${codeNote(e)}. Retry this step; if it keeps failing, run the signup again.`
  );
}

export function subscribeAdvice(e: GraphError): string {
  if (e.code === 200 || e.code === 10 || e.code === 3) {
    return "Facebook did not let Parley subscribe to this WhatsApp Business account: a permission is missing. Run the signup again and keep every permission selected. Without this subscription no customer messages reach Parley.";
  }
  return (
    common(e) ??
    `Parley could not subscribe to your WhatsApp Business account's messages${codeNote(e)}. Without this subscription no customer messages reach Parley, so retry this step.`
  );
}

// Words for a failed `POST /{phone}/register`. `again` is how the person tries again where they
// are: a signup step is retried; a number's card is registered again, optionally with a PIN.
const REGISTER: Record<number, (again: string) => string> = {
  133005: (again) =>
    `The number already has a two-step verification PIN that Parley does not know. Turn off two-step verification for this number in WhatsApp Manager (Phone numbers → Settings), then ${again}.`,
  133006: (again) =>
    `WhatsApp needs this number to be verified again. Verify it by SMS or voice call in WhatsApp Manager, then ${again}.`,
  133004: (again) =>
    `WhatsApp's registration service is busy right now. Wait a minute, then ${again}.`,
  133008: (again) =>
    `Too many wrong two-step verification PINs were tried for this number, so WhatsApp blocks new attempts for a while. Wait a few hours, then ${again} with the number's current PIN.`,
  133009: (again) => `Too many PIN attempts in a short time. Wait a few minutes, then ${again}.`,
  133010: (again) =>
    `WhatsApp says this number is not set up for the WhatsApp Business Platform yet. Finish adding and verifying it in WhatsApp Manager, then ${again}.`,
  133015: (again) =>
    `This number was recently deleted or changed and cannot be registered yet. Wait about five minutes, then ${again}.`,
  133016: (again) =>
    `This number has been registered or unregistered too many times this week (WhatsApp allows 10). Wait a day or two, then ${again}; nothing else needs to change.`,
  131031: (again) =>
    `WhatsApp has locked this business account, usually after a policy problem or too many wrong PINs. Check Account quality in WhatsApp Manager or contact Meta support; ${again} once it is unlocked.`,
  100: (again) =>
    `WhatsApp refused the registration request. The number may still be waiting for verification or display-name approval: check it in WhatsApp Manager, then ${again}.`,
  200: () =>
    "Parley does not have permission to register this number. Run the signup again, select this number and keep every permission selected.",
};

/** Where the registration was tried: a signup's step, or a number's card with its PIN field. */
export type RegisterContext = "signup" | "number";

// On a number's card the owner can type the PIN the number already has.
const NUMBER_REGISTER: Record<number, string> = {
  133005:
    "This number already has a two-step verification PIN, and it is not the one used. Enter the number's current PIN and register again, or turn off two-step verification for it in WhatsApp Manager (Phone numbers → Settings) and register again without a PIN.",
  190: "Facebook no longer accepts Parley's access to this number. Reconnect the number, then register it again.",
  200: "The access token does not allow registering this number: it needs the whatsapp_business_management permission for this account. Reconnect the number with such a token, then register again.",
};

export function registerAdvice(e: GraphError, context: RegisterContext = "signup"): string {
  const again = context === "signup" ? "retry this step" : "register again";
  const own = context === "number" ? NUMBER_REGISTER[e.code] : undefined;
  if (own) return own;
  const known = REGISTER[e.code];
  if (known) return known(again);
  if (e.kind === "retryable") {
    return `Facebook did not answer in time or is busy right now. Wait a minute, then ${again}.`;
  }
  if (e.code === 190) {
    return "Facebook says the access Parley was given is no longer valid. Run the signup again to give fresh access.";
  }
  return `WhatsApp could not register the number${codeNote(e)}. ${context === "signup" ? "Retry this step" : "Register again"}; if it keeps failing, check the number in WhatsApp Manager.`;
}

export function detailsAdvice(e: GraphError): string {
  if (e.code === 100) {
    return "Facebook could not find this phone number with the access Parley was given. Run the signup again and select the number.";
  }
  return (
    common(e) ??
    `Parley could not read the number's details from Facebook${codeNote(e)}. Retry this step.`
  );
}

export function listNumbersAdvice(e: GraphError): string {
  return (
    common(e) ??
    `Parley could not list the numbers of your WhatsApp Business account${codeNote(e)}. Try again in a moment.`
  );
}

export function appSyncAdvice(e: GraphError): string {
  return (
    common(e) ??
    `WhatsApp did not start sending your Business app's contacts and chat history${codeNote(e)}. Retry this step: Meta allows it only within 24 hours of the signup, and only once.`
  );
}
