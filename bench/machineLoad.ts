// The machine's load while a bench runs (other jobs share its cores): printed beside the figures, so a reader can
// tell a slow machine from slow code.
import os from 'node:os';

/** `load 1/5/15 min: a b c on N cores`. */
export function machineLoad(): string {
  return `load 1/5/15 min: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;
}
