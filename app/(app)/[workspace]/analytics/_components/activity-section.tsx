import { DailyBars } from "@/components/analytics/daily-bars";
import type { AnalyticsReport } from "@/db/queries/analytics/report";
import { Section } from "./figure";

/** Messages both ways, new conversations and customers who wrote, per day. */
export function ActivitySection({ report }: { report: AnalyticsReport }) {
  const started = new Map(report.conversationsStarted.map((d) => [d.day, d.started]));
  const customers = new Map(report.activeContacts.days.map((d) => [d.day, d.contacts]));
  const data = report.messages.map((d) => ({
    day: d.day,
    inbound: d.inbound,
    outbound: d.outbound,
    started: started.get(d.day) ?? 0,
    customers: customers.get(d.day) ?? 0,
  }));
  return (
    <Section
      title="Activity"
      description="Messages per day, customers writing for the first time, and customers who wrote."
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <DailyBars
          label="Messages per day"
          data={data}
          series={[
            { key: "inbound", label: "From customers", color: "#0284c7" },
            { key: "outbound", label: "From the business", color: "#059669" },
          ]}
        />
        <DailyBars
          label="Customers per day"
          data={data}
          series={[
            { key: "started", label: "New customers", color: "#7c3aed" },
            { key: "customers", label: "Customers who wrote", color: "#f59e0b" },
          ]}
        />
      </div>
    </Section>
  );
}
