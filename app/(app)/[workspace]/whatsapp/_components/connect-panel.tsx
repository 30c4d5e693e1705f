"use client";

import { useRouter } from "next/navigation";
import { ConnectWizard } from "@/components/whatsapp/connect-wizard";
import type { ActionResult } from "@/lib/auth/workspace";
import type {
  ManualConnectResult,
  Result,
  SignupChannelSummary,
  SignupSessionView,
} from "@/lib/onboarding/types";
import {
  chooseNumberAction,
  connectManualAction,
  refreshNumbersAction,
  retryStepAction,
  startEmbeddedAction,
} from "../actions";

/** What the wizard needs to open Meta's signup (or the sandbox's) for this workspace. */
export type ConnectMeta = {
  appId: string;
  configId: string;
  graphVersion: string;
  sandbox: boolean;
  /** Sandbox only: the business name the simulated signup starts with. */
  businessName?: string;
};

type Props = {
  slug: string;
  appId: string;
  configId: string;
  graphVersion: string;
  sandbox: boolean;
  reauthorizePhoneNumberId?: string;
  businessName?: string;
  initialView: SignupSessionView | null;
  channelStatuses?: Record<string, SignupChannelSummary["status"]>;
};

const toResult = <T,>(r: ActionResult<T>): Result<T> =>
  r.ok ? r : { ok: false, message: r.message };

/** The wizard bound to this workspace's guarded actions. */
export function ConnectPanel({ slug, ...props }: Props) {
  const router = useRouter();
  return (
    <ConnectWizard
      {...props}
      onConnected={() => router.refresh()}
      actions={{
        startEmbedded: async (input) => toResult(await startEmbeddedAction(slug, input)),
        retryStep: async (sessionId) => toResult(await retryStepAction(slug, { sessionId })),
        refreshNumbers: async (sessionId) =>
          toResult(await refreshNumbersAction(slug, { sessionId })),
        chooseNumber: async (sessionId, phoneNumberId) =>
          toResult(await chooseNumberAction(slug, { sessionId, phoneNumberId })),
        connectManual: async (form): Promise<ManualConnectResult> => {
          const r = await connectManualAction(slug, form);
          if (r.ok) return r.data;
          return { ok: false, message: r.message, fieldErrors: r.fieldErrors ?? {} };
        },
      }}
    />
  );
}
