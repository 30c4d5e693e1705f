/** A duration for owners: "under 1 s", "45 s", "3 min", "2 h 5 min"; a dash for nothing measured. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  if (ms < 1000) return "under 1 s";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
}

/**
 * US dollars from millionths: cents from a dollar up, two significant digits below a cent (a
 * single AI answer often costs a few hundredths of a cent, which rounding would hide).
 */
export function formatUsd(micros: number): string {
  const usd = Math.round(micros) / 1_000_000;
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(4).replace(/0+$/, "")}`;
  return `$${Number(usd.toPrecision(2))}`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? "–" : `${Math.round(rate * 100)}%`;
}
