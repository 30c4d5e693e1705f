"use client";

import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";
import { Section, TextArea } from "./form-parts";
import type { SectionProps } from "./use-settings-form";
import { WeeklyHours } from "./weekly-hours";

type Props = SectionProps & { timeZones: string[]; defaultAway: string };

export function HoursSection({ values, set, errors, timeZones, defaultAway }: Props) {
  const zones = timeZones.includes(values.timezone) ? timeZones : [values.timezone, ...timeZones];
  const pickBrowserZone = () => set("timezone", Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <Section
      title="Business hours"
      description="Outside these hours the bot answers no questions: it sends the away message once and leaves the conversation for your team. With no hours at all, the bot answers at any time."
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
        label="Away message (optional)"
        name="awayMessage"
        error={errors.awayMessage}
        hint={`Sent once when someone writes while you are closed. Leave empty for: “${defaultAway}”`}
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
