import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

type Props = {
  slug: string;
  sandbox: boolean;
  connected: boolean;
  hasFaqs: boolean;
  hasMessages: boolean;
};

function Step({ done, title, children }: { done: boolean; title: string; children: ReactNode }) {
  return (
    <li className="flex gap-3" data-testid="setup-step" data-done={done}>
      <span
        aria-hidden
        className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
          done ? "bg-brand-600 text-white" : "border-2 border-zinc-300"
        }`}
      >
        {done ? "✓" : ""}
      </span>
      <div>
        <p
          className={`text-sm font-medium ${done ? "text-zinc-500 line-through" : "text-zinc-900"}`}
        >
          {title}
          <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
        </p>
        <div className="mt-0.5 text-sm text-zinc-600">{children}</div>
      </div>
    </li>
  );
}

/** The first things a new business does, in order, each one click away. */
export function SetupChecklist({ slug, sandbox, connected, hasFaqs, hasMessages }: Props) {
  if (connected && hasFaqs && hasMessages) return null;
  const link = (href: string, label: string) => (
    <Link href={href as never} className="font-medium text-brand-700 underline">
      {label}
    </Link>
  );
  return (
    <Card title="Get your WhatsApp assistant running">
      <ol className="space-y-4">
        <Step done={connected} title="Connect your WhatsApp number">
          {connected
            ? "Your number is connected."
            : link(`/${slug}/whatsapp`, "Connect with Facebook, or enter your details by hand")}
        </Step>
        <Step done={hasFaqs} title="Teach the bot your answers">
          {link(`/${slug}/faqs`, "Add the questions your customers ask")}, or import them from a
          spreadsheet; then {link(`/${slug}/try`, "try a question")} to see what the bot replies.
        </Step>
        <Step done={hasMessages} title="Send your number a test message">
          {sandbox ? (
            <>
              This is a sandbox: {link("/sandbox/phone", "open the simulated phone")} and write to
              your number as a customer would.
            </>
          ) : (
            "Write to your business number from any WhatsApp account and watch the answer arrive."
          )}
        </Step>
        <Step done={false} title="Invite your team">
          {link(`/${slug}/settings/members`, "Add the people who will answer customers")}
        </Step>
      </ol>
    </Card>
  );
}
