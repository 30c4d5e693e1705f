"use client";

import { useState } from "react";
import type { SignupSessionView } from "@/lib/onboarding/types";

/** FINISH_ONLY_WABA: access was shared without a number; pick one once the account has it. */
export function ChooseNumber({
  view,
  busy,
  sandbox,
  onChoose,
  onCheckAgain,
}: {
  view: SignupSessionView;
  busy: boolean;
  sandbox: boolean;
  onChoose: (phoneNumberId: string) => void;
  onCheckAgain: () => void;
}) {
  const [adding, setAdding] = useState<string | null>(null);
  const numbers = view.availableNumbers ?? [];

  // Sandbox only: what the business would do in WhatsApp Manager before checking again.
  async function addSandboxNumber() {
    setAdding("Adding a number…");
    const res = await fetch("/sandbox/api/signup/add-number", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ wabaId: view.wabaId }),
    });
    if (!res.ok) {
      const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setAdding(json?.error?.message ?? "The sandbox could not add a number.");
      return;
    }
    setAdding(null);
    onCheckAgain();
  }

  return (
    <section
      data-testid="signup-needs-number"
      className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-4 text-sm text-amber-900"
    >
      <h3 className="font-semibold">No phone number was added</h3>
      <p className="mt-1">
        Your WhatsApp Business account is shared with Parley, but no phone number was added during
        the signup. Add one in WhatsApp Manager, then check again and choose it here.
      </p>
      {view.numbersError && <p className="mt-2 text-red-700">{view.numbersError}</p>}
      {numbers.length > 0 && (
        <ul className="mt-3 space-y-2">
          {numbers.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() => onChoose(n.id)}
                data-testid={`signup-number-${n.id}`}
                className="flex w-full items-center justify-between rounded-lg border border-zinc-300 bg-white px-3 py-2 text-left text-zinc-900 hover:bg-zinc-50 disabled:opacity-50"
              >
                <span>
                  <span className="font-medium">{n.displayPhoneNumber ?? n.id}</span>
                  {n.verifiedName && <span className="ml-2 text-zinc-600">{n.verifiedName}</span>}
                </span>
                <span className="text-brand-700">Connect this number</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={onCheckAgain}
          data-testid="signup-check-again"
          className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 font-medium text-zinc-800 hover:bg-zinc-50 disabled:opacity-50"
        >
          {busy ? "Checking…" : "Check again"}
        </button>
        {sandbox && view.wabaId && (
          <button
            type="button"
            disabled={busy || adding === "Adding a number…"}
            onClick={addSandboxNumber}
            data-testid="sandbox-add-number"
            className="rounded-lg border border-dashed border-zinc-400 px-3 py-1.5 text-zinc-700 hover:bg-white disabled:opacity-50"
          >
            Sandbox: add a number to this account
          </button>
        )}
      </div>
      {adding && adding !== "Adding a number…" && <p className="mt-2 text-red-700">{adding}</p>}
    </section>
  );
}
