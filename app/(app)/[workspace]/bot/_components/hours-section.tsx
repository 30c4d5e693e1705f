"use client";

import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { OutsideHoursMode } from "@/lib/validations/bot-settings";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { Section, TextArea } from "./form-parts";
import type { SectionProps } from "./use-settings-form";
import { WeeklyHours } from "./weekly-hours";

type Props = SectionProps & { timeZones: string[]; defaultAway: string };

const OUTSIDE_HOURS: Record<OutsideHoursMode, { label: string; hint: string }> = {
  answer: {
    label: "Answer what it can and add the away message",
    hint: "Questions your FAQ or the AI can answer get their answer, followed once by the away message. The rest get your fallback message and wait in the inbox for your team, without alerting anyone.",
  },
  closed_only: {
    label: "Only tell customers you're closed",
    hint: "Customers get the away message once and no answers. Their questions wait in the inbox for your team.",
  },
};

export function HoursSection({ values, set, errors, timeZones, defaultAway }: Props) {
  const zones = timeZones.includes(values.timezone) ? timeZones : [values.timezone, ...timeZones];
  const pickBrowserZone = () => set("timezone", Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <Section
      title="Business hours"
      description="When your team is available. With no hours at all, the bot never sends the away message."
    >
      <Field
        label="Time zone"
        name="timezone"
        error={errors.timezone}
        hint="The hours below are in this time zone, daylight saving included."
      >
        <div className="flex flex-wrap items-center gap-2">
          <Select
            name="timezone"
            value={values.timezone}
            onChange={(e) => set("timezone", e.target.value)}
            invalid={errors.timezone !== undefined}
            data-testid="timezone"
            className="max-w-xs"
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
          <Button variant="ghost" size="sm" onClick={pickBrowserZone} data-testid="timezone-mine">
            Use my time zone
          </Button>
        </div>
      </Field>
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-zinc-800">Opening hours</p>
        <p className="text-xs text-zinc-500">
          A day with no hours is closed. For a lunch break, add two ranges. A closing time of 00:00
          means midnight.
        </p>
        <WeeklyHours
          value={values.businessHours}
          onChange={(week) => set("businessHours", week)}
          errors={errors}
        />
      </div>
      <Field
        label="Outside these hours, the bot…"
        name="outsideHours"
        error={errors.outsideHours}
        hint={OUTSIDE_HOURS[values.outsideHours].hint}
      >
        <Select
          name="outsideHours"
          value={values.outsideHours}
          onChange={(e) => set("outsideHours", e.target.value as OutsideHoursMode)}
          invalid={errors.outsideHours !== undefined}
          data-testid="outside-hours"
          className="max-w-md"
        >
          {(Object.keys(OUTSIDE_HOURS) as OutsideHoursMode[]).map((mode) => (
            <option key={mode} value={mode}>
              {OUTSIDE_HOURS[mode].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Away message (optional)"
        name="awayMessage"
        error={errors.awayMessage}
        hint={`Sent once when someone writes while you're closed. The bot adds when a person will be back, e.g. “A person will be back Monday at 9:00.” Leave empty for: “${defaultAway}”`}
      >
        <TextArea
          name="awayMessage"
          rows={3}
          max={MAX_TEXT}
          placeholder={defaultAway}
          value={values.awayMessage}
          onChange={(v) => set("awayMessage", v)}
          invalid={errors.awayMessage !== undefined}
          data-testid="away-message"
        />
      </Field>
    </Section>
  );
}
