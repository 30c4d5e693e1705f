"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { type OpeningRange, WEEKDAYS, type Weekday } from "@/lib/validations/business-hours";
import type { FieldErrors, FormValues } from "./use-settings-form";

type Week = FormValues["businessHours"];

type Props = { value: Week; onChange: (week: Week) => void; errors: FieldErrors };

const timeClass =
  "rounded-lg border bg-white px-2 py-1.5 text-sm shadow-xs focus:outline-2 focus:outline-brand-600";

/** Opening hours per weekday: none (closed) or one or more ranges. */
export function WeeklyHours({ value, onChange, errors }: Props) {
  const setDay = (day: Weekday, ranges: OpeningRange[]) => onChange({ ...value, [day]: ranges });
  const setRange = (day: Weekday, i: number, patch: Partial<OpeningRange>) =>
    setDay(
      day,
      value[day].map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  // The first range of a day starts as a usual working day; later ones are left for the owner.
  const add = (day: Weekday) =>
    setDay(day, [
      ...value[day],
      value[day].length === 0 ? { from: "09:00", to: "17:00" } : { from: "", to: "" },
    ]);
  const copyMonday = () =>
    onChange({ ...value, 2: value[1], 3: value[1], 4: value[1], 5: value[1] });

  return (
    <div className="space-y-3">
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
        {WEEKDAYS.map(({ day, label }) => {
          const dayError = errors[`businessHours.${day}`];
          return (
            <li
              key={day}
              className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-start"
              data-testid={`hours-${day}`}
            >
              <span className="w-28 shrink-0 pt-1.5 text-sm font-medium text-zinc-800">
                {label}
              </span>
              <div className="flex-1 space-y-2">
                {value[day].length === 0 && <p className="pt-1.5 text-sm text-zinc-500">Closed</p>}
                {value[day].map((r, i) => {
                  const base = `businessHours.${day}.${i}`;
                  const fromError = errors[`${base}.from`];
                  const toError = errors[`${base}.to`];
                  const error = fromError ?? toError ?? errors[base];
                  const id = `hours-${day}-${i}`;
                  return (
                    // Ranges have no identity of their own; their place in the day is it.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <div key={i}>
                      <div className="flex flex-wrap items-center gap-2">
                        <input
                          type="time"
                          step={60}
                          aria-label={`${label}, range ${i + 1}, opens`}
                          value={r.from}
                          onChange={(e) => setRange(day, i, { from: e.target.value })}
                          aria-invalid={fromError ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                          data-testid={`${id}-from`}
                          className={cn(
                            timeClass,
                            fromError ? "border-red-400" : "border-zinc-300",
                          )}
                        />
                        <span aria-hidden className="text-zinc-500">
                          –
                        </span>
                        <input
                          type="time"
                          step={60}
                          aria-label={`${label}, range ${i + 1}, closes`}
                          value={r.to}
                          onChange={(e) => setRange(day, i, { to: e.target.value })}
                          aria-invalid={toError ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                          data-testid={`${id}-to`}
                          className={cn(timeClass, toError ? "border-red-400" : "border-zinc-300")}
                        />
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Remove ${label} range ${i + 1}`}
                          onClick={() =>
                            setDay(
                              day,
                              value[day].filter((_, j) => j !== i),
                            )
                          }
                          data-testid={`${id}-remove`}
                        >
                          Remove
                        </Button>
                      </div>
                      {error && (
                        <p
                          id={`${id}-error`}
                          role="alert"
                          className="mt-1 text-xs font-medium text-red-700"
                        >
                          {error}
                        </p>
                      )}
                    </div>
                  );
                })}
                {dayError && (
                  <p role="alert" className="text-xs font-medium text-red-700">
                    {dayError}
                  </p>
                )}
              </div>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => add(day)}
                aria-label={`Add opening hours on ${label}`}
                data-testid={`hours-${day}-add`}
              >
                {value[day].length === 0 ? "Set hours" : "Add hours"}
              </Button>
            </li>
          );
        })}
      </ul>
      <Button variant="ghost" size="sm" onClick={copyMonday} data-testid="hours-copy-weekdays">
        Copy Monday to Tuesday–Friday
      </Button>
    </div>
  );
}
