// The audit of guide 3.2 ("an audit will be activated"): requests per endpoint, operators_init spacing, violations.

export interface AuditEntry {
  at: string;
  account: string;
  endpoint: string;
  status: number; // 0: a hung operators_init, counted on arrival (never answered yet)
  violation: boolean;
}

export interface AuditReport {
  rateLimitMs: number;
  operatorsInitCalls: number; // served + refused
  violations: number; // refused with 429
  byEndpoint: Record<string, number>; // requests per endpoint name (all statuses)
  entries: AuditEntry[];
}

const MAX_ENTRIES = 5000;

export class Audit {
  private operatorsInitCalls = 0;
  private violations = 0;
  private byEndpoint: Record<string, number> = {};
  private entries: AuditEntry[] = [];
  /** Real ms of the last operators_init let through, per account. */
  private lastServed = new Map<string, number>();

  constructor(
    readonly rateLimitMs: number,
    private readonly realNow: () => number,
  ) {}

  /**
   * guide 3.2: "not more than one request every 30 seconds". Returns the ms to wait when refused,
   * or 0 when the call may go on (it then starts a new window, whatever its final status).
   */
  checkOperatorsInit(account: string): number {
    const now = this.realNow();
    const last = this.lastServed.get(account);
    if (last !== undefined && now - last < this.rateLimitMs) return this.rateLimitMs - (now - last);
    this.lastServed.set(account, now);
    return 0;
  }

  record(account: string, endpoint: string, status: number, violation: boolean): void {
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
    if (endpoint === 'operators_init' && (status !== 401 || violation)) this.operatorsInitCalls++;
    if (violation) this.violations++;
    this.entries.push({
      at: new Date(this.realNow()).toISOString(),
      account,
      endpoint,
      status,
      violation,
    });
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  report(): AuditReport {
    return {
      rateLimitMs: this.rateLimitMs,
      operatorsInitCalls: this.operatorsInitCalls,
      violations: this.violations,
      byEndpoint: { ...this.byEndpoint },
      entries: [...this.entries],
    };
  }

  /** Clears the counters and the spacing memory (a new test starts with a fresh budget). */
  reset(): void {
    this.operatorsInitCalls = 0;
    this.violations = 0;
    this.byEndpoint = {};
    this.entries = [];
    this.lastServed.clear();
  }
}
