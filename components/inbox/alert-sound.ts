let context: AudioContext | null = null;

/** A short two-tone chime, made in the browser (no file to load). */
export function playAlertSound(): void {
  if (typeof AudioContext === "undefined") return;
  context ??= new AudioContext();
  const ctx = context;
  // Browsers keep audio suspended until the page has had a click; then this is silent.
  if (ctx.state === "suspended") void ctx.resume();
  const start = ctx.currentTime;
  for (const [i, frequency] of [880, 1320].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.15);
    gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.15 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.15 + 0.14);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + i * 0.15);
    osc.stop(start + i * 0.15 + 0.15);
  }
}
