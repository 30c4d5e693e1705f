import type { HourCell } from "@/db/queries/analytics/busiest-hours";
import { Section } from "./figure";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Customers' messages by weekday and hour, darker where busier. */
export function BusiestHours({ cells }: { cells: HourCell[] }) {
  const most = Math.max(1, ...cells.map((c) => c.inbound));
  const at = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.inbound]));
  return (
    <Section
      title="Busiest hours"
      description="Messages from customers by day of the week and hour, in your time zone."
    >
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
