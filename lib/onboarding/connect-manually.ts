import { findChannelByPhoneNumberId } from "@/db/queries/channels";
import { createSignupSession, updateSignupSession } from "@/db/queries/signup-sessions";
import type { SignupSteps } from "@/db/schema/onboarding";
import { manualConnectSchema } from "@/lib/validations/onboarding";
import type { GraphError } from "@/lib/whatsapp/graph-errors";
import type { PhoneNumberDetails } from "@/lib/whatsapp/graph-schemas";
import { cloudApiRegistration } from "@/lib/whatsapp/registration";
import { asGraphError, codeNote, OTHER_WORKSPACE } from "./advice";
import { connectChannel } from "./connect-channel";
import type { OnboardingDeps } from "./deps";
import type { ManualConnectFieldErrors, ManualConnectResult } from "./types";
import { toSignupSessionView } from "./view";

type Refusal = Extract<ManualConnectResult, { ok: false }>;

const refuse = (fieldErrors: ManualConnectFieldErrors, message?: string): Refusal => ({
  ok: false,
  fieldErrors,
  message: message ?? "Some details are not right. Check the highlighted fields.",
});

const BAD_TOKEN =
  "Facebook does not accept this access token: it may be mistyped, expired or withdrawn.";
const NO_PERMISSION =
  "This token lacks the whatsapp_business_management and whatsapp_business_messaging permissions for this account.";
const UNREACHABLE = (e: GraphError) =>
  refuse(
    {},
    `Facebook could not check these details right now${codeNote(e)}. Try again in a minute.`,
  );

// Turns Meta's answer about one field into the form's words, or the outage message.
function refusalFor(e: GraphError, field: "phoneNumberId" | "wabaId", notFound: string): Refusal {
  if (e.code === 190) return refuse({ accessToken: BAD_TOKEN });
  if (e.code === 200 || e.code === 10 || e.code === 3)
    return refuse({ accessToken: NO_PERMISSION });
  if (e.code === 100) return refuse({ [field]: notFound });
  return UNREACHABLE(e);
}

/**
 * Connects a number from a token, phone number id and WABA id typed in by hand. Everything is
 * checked with the Graph API first; nothing is stored unless all of it holds.
 */
export async function connectManually(
  deps: OnboardingDeps,
  input: {
    workspaceId: string;
    userId: string;
    accessToken: string;
    phoneNumberId: string;
    wabaId: string;
  },
): Promise<ManualConnectResult> {
  const parsed = manualConnectSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: ManualConnectFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "accessToken" || field === "phoneNumberId" || field === "wabaId")
        fieldErrors[field] ??= issue.message;
    }
    return refuse(fieldErrors);
  }
  const { workspaceId, userId, accessToken, phoneNumberId, wabaId } = parsed.data;

  let info: Awaited<ReturnType<typeof deps.graph.debugToken>>;
  try {
    info = await deps.graph.debugToken(accessToken, deps.app);
  } catch (error) {
    return UNREACHABLE(asGraphError(error));
  }
  if (!info.isValid) return refuse({ accessToken: BAD_TOKEN });
  if (info.appId !== deps.app.appId) {
    return refuse({
      accessToken:
        "This token belongs to another Facebook app. Create it for a system user of a business that has Parley's app installed.",
    });
  }

  let number: PhoneNumberDetails;
  try {
    number = await deps.graph.getPhoneNumber(phoneNumberId, accessToken);
  } catch (error) {
    return refusalFor(
      asGraphError(error),
      "phoneNumberId",
      "No phone number with this id can be reached with this token.",
    );
  }
  let listed: { id: string }[];
  try {
    listed = await deps.graph.listPhoneNumbers(wabaId, accessToken);
  } catch (error) {
    return refusalFor(
      asGraphError(error),
      "wabaId",
      "No WhatsApp Business account with this id can be reached with this token.",
    );
  }
  if (!listed.some((n) => n.id === phoneNumberId)) {
    return refuse({
      phoneNumberId: `This number is not part of WhatsApp Business account ${wabaId}.`,
    });
  }
  const holder = await findChannelByPhoneNumberId(deps.db, phoneNumberId);
  if (holder && holder.workspaceId !== workspaceId) {
    return refuse({ phoneNumberId: OTHER_WORKSPACE });
  }
  try {
    await deps.graph.subscribeApp(wabaId, accessToken);
  } catch (error) {
    const e = asGraphError(error);
    if (e.code === 200 || e.code === 10 || e.code === 3)
      return refuse({ accessToken: NO_PERMISSION });
    return refuse(
      {},
      `Parley could not subscribe to this account's messages${codeNote(e)}; without that no customer messages arrive. Try again in a minute.`,
    );
  }

  // A number added in WhatsApp Manager but never registered would take every reply with 133010;
  // it is saved pending and the WhatsApp page offers to register it.
  const registered = cloudApiRegistration(number) !== "not_registered";
  const at = new Date().toISOString();
  const steps: SignupSteps = {
    exchange: { status: "skipped", message: "You entered an access token yourself.", at },
    token: { status: "ok", message: "Access confirmed.", at },
    subscribe: {
      status: "ok",
      message: "Parley will receive your customers' messages from this WhatsApp Business account.",
      at,
    },
    // Left pending when the number is not registered: it is registered from its card.
    ...(registered && {
      register: {
        status: "skipped",
        message: "WhatsApp reports the number registered for the Cloud API already.",
        at,
      },
    }),
  };
  const session = await createSignupSession(deps.db, {
    workspaceId,
    createdBy: userId,
    flow: "manual",
    wabaId,
    phoneNumberId,
    steps,
  });
  const connected = await connectChannel(deps, {
    workspaceId,
    userId,
    sessionId: session.id,
    flow: "manual",
    phoneNumberId,
    wabaId,
    accessToken,
    tokenExpiresAt: info.expiresAt,
    details: number,
    registered,
  });
  const shown = number.display_phone_number ?? phoneNumberId;
  const done = await updateSignupSession(deps.db, {
    workspaceId,
    id: session.id,
    tokenExpiresAt: info.expiresAt,
    steps: {
      ...steps,
      details: connected.ok
        ? {
            status: "ok",
            message: registered
              ? `${shown} is connected.`
              : `${shown} is saved in Parley, but it is not registered with WhatsApp Cloud API yet, so replies can't be sent. Register it on the number's card above.`,
            at,
          }
        : { status: "failed", message: OTHER_WORKSPACE, at },
    },
    ...(connected.ok && { channelId: connected.id, completedAt: new Date() }),
  });
  if (!connected.ok) return refuse({ phoneNumberId: OTHER_WORKSPACE });
  if (!done) throw new Error("The signup session disappeared while connecting");
  return { ok: true, view: await toSignupSessionView(deps, done) };
}
