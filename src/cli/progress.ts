/**
 * Ingest progress: a single rewritten status line on a terminal, plain
 * periodic lines otherwise (logs, CI), and the closing summary.
 */
export interface IngestCounts {
  read: number;
  new: number;
  unchanged: number;
  duplicate: number;
  failed: number;
}

export interface Failure {
  readonly input: string;
  readonly reason: string;
}

export class Progress {
  private readonly started = Date.now();
  private lastPrint = 0;
  readonly counts: IngestCounts = { read: 0, new: 0, unchanged: 0, duplicate: 0, failed: 0 };
  readonly failures: Failure[] = [];

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly interactive = Boolean(out.isTTY),
    private readonly plainEveryMs = 5000,
  ) {}

  count(kind: Exclude<keyof IngestCounts, 'read' | 'failed'>): void {
    this.counts.read++;
    this.counts[kind]++;
    this.tick();
  }

  fail(input: string, reason: string, isArticle: boolean): void {
    if (isArticle) this.counts.read++;
    this.counts.failed++;
    this.failures.push({ input, reason });
    if (this.interactive) this.out.write('\r\x1b[2K');
    this.out.write(`newsgraph: ${input}: ${reason}\n`);
    this.tick();
  }

  private rate(): string {
    const seconds = (Date.now() - this.started) / 1000;
    return seconds > 0 ? (this.counts.read / seconds).toFixed(1) : '0';
  }

  private line(): string {
    const c = this.counts;
    return `read ${c.read} · new ${c.new} · unchanged ${c.unchanged} · duplicate ${c.duplicate} · failed ${c.failed} · ${this.rate()} articles/s`;
  }

  private tick(): void {
    const now = Date.now();
    if (this.interactive) {
      if (now - this.lastPrint < 100) return;
      this.lastPrint = now;
      this.out.write(`\r\x1b[2K${this.line()}`);
    } else if (now - this.lastPrint >= this.plainEveryMs) {
      this.lastPrint = now;
      this.out.write(`progress: ${this.line()}\n`);
    }
  }

  summary(): string {
    if (this.interactive) this.out.write('\r\x1b[2K');
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const lines = [`ingest finished in ${seconds} s: ${this.line()}`];
    if (this.failures.length > 0) {
      lines.push(`failures (${this.failures.length}):`);
      for (const f of this.failures) lines.push(`  ${f.input}: ${f.reason}`);
    }
    return lines.join('\n') + '\n';
  }
}
