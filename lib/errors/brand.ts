// `next build` bundles route handlers, server actions and pages apart, so one error class can exist
// in several copies in a process and `instanceof` is false across them. Errors that cross a module
// boundary carry a brand under a registry symbol instead, which every copy shares.

const key = (name: string) => Symbol.for(`parley.${name}`);

/** Marks an error (in its constructor) as one of `name`, recognisable from any bundle. */
export function setBrand(error: object, name: string): void {
  Object.defineProperty(error, key(name), { value: true, enumerable: false });
}

/** Whether `error` was branded `name`, whichever copy of its class made it. */
export function hasBrand(error: unknown, name: string): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as Record<symbol, unknown>)[key(name)] === true
  );
}
