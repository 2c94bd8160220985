// When the language server dies: restart it once (a crash can be a one-off), and when it dies again within the
// window, stop and tell the user why. Pure (no vscode): the LanguageClient errorHandler in serverHealth.ts asks it.
export interface RestartDecision {
  restart: boolean;
  reason: string;
}

export class RestartPolicy {
  private crashes: number[] = [];
  /** @param windowMs crashes older than this are forgotten (a server that ran fine for a while gets a new chance) */
  constructor(
    private readonly maxRestarts = 1,
    private readonly windowMs = 3 * 60_000,
  ) {}

  /** The server connection closed at `now` (ms): restart, or stop with the reason to show. */
  closed(now: number): RestartDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    const n = this.crashes.length;
    if (n <= this.maxRestarts) return { restart: true, reason: `the Atlas language server stopped; restarting it (${n} of ${this.maxRestarts})` };
    return {
      restart: false,
      reason: `the Atlas language server stopped ${n} times in ${Math.round(this.windowMs / 60_000)} minutes and was not restarted again`,
    };
  }
}
