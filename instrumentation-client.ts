import { z } from "zod";

// Runs before the app's own client code. Zod probes whether it may compile parsers with
// `new Function`; under the Content Security Policy (no 'unsafe-eval') the probe is refused and
// reported as a violation, so the browser is told up front to parse without compiling.
z.config({ jitless: true });
