"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatUsd } from "@/lib/analytics/format";

export type Series = { key: string; label: string; color: string };

type Props = {
  data: Array<Record<string, string | number | null>>;
  series: Series[];
  stacked?: boolean;
  /** How values read on the axis and in the tooltip. */
  unit?: "count" | "usd";
  label: string;
};

const shortDay = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });

const formatValue = (unit: Props["unit"], v: number) =>
  unit === "usd" ? formatUsd(v * 1_000_000) : v.toLocaleString("en");

/** Bars per day of the range (one bar per series, or stacked), with the day's values on hover. */
export function DailyBars({ data, series, stacked = false, unit = "count", label }: Props) {
  return (
    <figure aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e4e4e7" />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fontSize: 11, fill: "#71717a" }}
            tickLine={false}
            axisLine={false}
            minTickGap={16}
          />
          <YAxis
            tick={{ fontSize: 11, fill: "#71717a" }}
            tickLine={false}
            axisLine={false}
            width={unit === "usd" ? 76 : 48}
            allowDecimals={unit === "usd"}
            tickFormatter={(v: number) => formatValue(unit, v)}
          />
          <Tooltip
            labelFormatter={(day) => shortDay(String(day))}
            formatter={(v) => formatValue(unit, Number(v))}
            cursor={{ fill: "#f4f4f5" }}
          />
          {/* In the order the series are given, as the totals beside the chart are. */}
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={stacked ? "all" : undefined}
              radius={stacked ? 0 : [3, 3, 0, 0]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
