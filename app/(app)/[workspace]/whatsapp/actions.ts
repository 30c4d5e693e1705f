"use server";

import { z } from "zod";
import { type ActionResult, workspaceAction } from "@/lib/auth/workspace";
import { chooseSignupNumber } from "@/lib/onboarding/choose-signup-number";
import { connectManually } from "@/lib/onboarding/connect-manually";
import { getOnboardingDeps } from "@/lib/onboarding/deps";
import { disconnect } from "@/lib/onboarding/disconnect";
import { listSignupNumbers } from "@/lib/onboarding/list-signup-numbers";
import { registerNumber } from "@/lib/onboarding/register-number";
import { retrySignupStep } from "@/lib/onboarding/retry-signup-step";
import { startEmbeddedSignup } from "@/lib/onboarding/start-embedded-signup";
import type { ManualConnectResult, Result, SignupSessionView } from "@/lib/onboarding/types";
import {
  manualConnectFormSchema,
  registerNumberFormSchema,
  signupFinishEventSchema,
} from "@/lib/validations/onboarding";

// Each action is guarded (owners and admins only) and refuses in the same shape the wizard shows.
const asAction = <T>(r: Result<T>): ActionResult<T> =>
  r.ok ? r : { ok: false, code: "refused", message: r.message };

const session = z.object({ sessionId: z.uuid() });

export const startEmbeddedAction = workspaceAction(
  "channels.manage",
  z.object({ code: z.string().trim().min(1).max(4096), event: signupFinishEventSchema }),
  async (ctx, input) =>
    asAction(
      await startEmbeddedSignup(await getOnboardingDeps(), {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        ...input,
      }),
    ),
);

export const retryStepAction = workspaceAction("channels.manage", session, async (ctx, input) =>
  asAction(
    await retrySignupStep(await getOnboardingDeps(), {
      workspaceId: ctx.workspace.id,
      userId: ctx.user.id,
      sessionId: input.sessionId,
    }),
  ),
);

export const refreshNumbersAction = workspaceAction(
  "channels.manage",
  session,
  async (ctx, input) =>
    asAction(
      await listSignupNumbers(await getOnboardingDeps(), {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        sessionId: input.sessionId,
      }),
    ),
);

export const chooseNumberAction = workspaceAction(
  "channels.manage",
  session.extend({ phoneNumberId: z.string().regex(/^\d{5,25}$/) }),
  async (ctx, input) =>
    asAction(
      await chooseSignupNumber(await getOnboardingDeps(), {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        ...input,
      }),
    ),
);

export const connectManualAction = workspaceAction(
  "channels.manage",
  manualConnectFormSchema,
  async (ctx, input): Promise<ActionResult<ManualConnectResult>> => ({
    ok: true,
    data: await connectManually(await getOnboardingDeps(), {
      workspaceId: ctx.workspace.id,
      userId: ctx.user.id,
      ...input,
    }),
  }),
);

export const disconnectAction = workspaceAction(
  "channels.manage",
  z.object({ channelId: z.uuid() }),
  async (ctx, input) =>
    asAction(
      await disconnect(await getOnboardingDeps(), {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        channelId: input.channelId,
      }),
    ),
);

// The PIN travels in the action's body only; it is never returned, logged or put in a URL.
export const registerNumberAction = workspaceAction(
  "channels.manage",
  registerNumberFormSchema,
  async (ctx, input) =>
    asAction(
      await registerNumber(await getOnboardingDeps(), {
        workspaceId: ctx.workspace.id,
        userId: ctx.user.id,
        channelId: input.channelId,
        pin: input.pin,
      }),
    ),
);

export type { SignupSessionView };
