import type { HourCell } from "@/db/queries/analytics/busiest-hours";
import { Section } from "./figure";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const FULL_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Customers' messages by weekday and hour, darker where busier. */
export function BusiestHours({ cells }: { cells: HourCell[] }) {
  const most = Math.max(1, ...cells.map((c) => c.inbound));
  const at = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.inbound]));
  const top = cells.reduce<HourCell | null>(
    (a, c) => (c.inbound > (a?.inbound ?? 0) ? c : a),
    null,
  );
  const hourOf = (h: number) => `${String(h).padStart(2, "0")}:00`;
  return (
    <Section
      title="Busiest hours"
      description="Messages from customers by day of the week and hour, in your time zone."
    >
      <p className="text-sm text-zinc-700" data-testid="busiest-hour">
        {top
          ? `Busiest: ${FULL_DAYS[top.weekday]} ${hourOf(top.hour)}–${hourOf((top.hour + 1) % 24)}, with ${top.inbound} message${top.inbound === 1 ? "" : "s"} from customers.`
          : "No messages from customers in this period."}
      </p>
      <div className="overflow-x-auto">
        <table className="border-separate border-spacing-0.5 text-[10px] text-zinc-500">
          <thead>
            <tr>
              <th />
              {Array.from({ length: 24 }, (_, h) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the hour is the key
                <th key={h} className="w-6 font-normal">
                  {h % 3 === 0 ? h : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((name, weekday) => (
              <tr key={name}>
                <th className="pr-1 text-right font-normal">{name}</th>
                {Array.from({ length: 24 }, (_, hour) => {
                  const n = at.get(`${weekday}:${hour}`) ?? 0;
                  return (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: the hour is the key
                      key={hour}
                      title={`${name} ${hour}:00–${hour + 1}:00: ${n} message${n === 1 ? "" : "s"}`}
                      className="h-5 w-6 rounded-sm"
                      // The colour's meaning, for screen readers.
                      aria-label={`${name} ${hour}:00: ${n}`}
                      style={{
                        background:
                          n === 0 ? "#f4f4f5" : `rgba(5, 150, 105, ${0.15 + (0.85 * n) / most})`,
                      }}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
