"use client";

import { Field, Input } from "@/components/ui/field";
import type { AlertTemplatesView } from "@/lib/bot/alerts/alert-templates-view";
import { AlertTemplateField } from "./alert-template-field";
import { Section } from "./form-parts";
import type { SectionProps } from "./use-settings-form";

export function EscalationSection({
  slug,
  values,
  set,
  errors,
  canEmail,
  alertTemplates,
  businessName,
}: SectionProps & {
  slug: string;
  canEmail: boolean;
  alertTemplates: AlertTemplatesView;
  businessName: string;
}) {
  return (
    <Section
      title="Escalation"
      description="Who is told when a conversation needs a person. It is always flagged in the inbox; these are for when nobody is watching it."
    >
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="WhatsApp number to alert (optional)"
          name="escalationPhone"
          error={errors.escalationPhone}
          hint="With the country code. The alert comes from your connected business number, as the template chosen below."
        >
          <Input
            name="escalationPhone"
            type="tel"
            autoComplete="tel"
            placeholder="+254 700 123456"
            value={values.escalationPhone}
            onChange={(e) => set("escalationPhone", e.target.value)}
            invalid={errors.escalationPhone !== undefined}
            data-testid="escalation-phone"
          />
        </Field>
        <Field
          label="E-mail to alert (optional)"
          name="escalationEmail"
          error={errors.escalationEmail}
          hint={
            canEmail
              ? "Sent to this address as well."
              : "This server cannot send e-mail yet (no SMTP is set up), so no e-mail alert goes out."
          }
        >
          <Input
            name="escalationEmail"
            type="email"
            autoComplete="email"
            placeholder="owner@yourshop.com"
            value={values.escalationEmail}
            onChange={(e) => set("escalationEmail", e.target.value)}
            invalid={errors.escalationEmail !== undefined}
            data-testid="escalation-email"
          />
        </Field>
      </div>
      <AlertTemplateField
        slug={slug}
        values={values}
        set={set}
        errors={errors}
        initialTemplates={alertTemplates}
        canEmail={canEmail}
        businessName={businessName}
      />
    </Section>
  );
}
