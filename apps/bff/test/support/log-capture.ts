// Every log line of a run, kept in memory for a test to read (what was logged, and that no secret was).
import { Writable } from 'node:stream';

/** Collects every log line of a run. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}
