// Every port the browser suite listens on, shifted by E2E_PORT_OFFSET so that two checkouts can
// run the suite side by side on one machine.
export function e2ePort(port: number): number {
  const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new Error(
      `E2E_PORT_OFFSET must be a whole number of ports, not "${process.env.E2E_PORT_OFFSET}"`,
    );
  }
  return port + offset;
}
