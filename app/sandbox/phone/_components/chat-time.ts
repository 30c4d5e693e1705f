const DAY = 24 * 60 * 60 * 1000;

/** A message's time as the phone shows it: the hour today, with the day for older messages. */
export function chatTime(at: Date, now = new Date()): string {
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (at.getTime() >= startOfToday) return time;
  if (at.getTime() >= startOfToday - DAY) return `Yesterday ${time}`;
  const day = at.toLocaleDateString([], { day: "numeric", month: "short" });
  return `${day} ${time}`;
}
