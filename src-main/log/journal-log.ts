/**
 * The solo log: fsync'd JSON-lines segment files in the data folder (`log/000001.jsonl`, a new
 * segment once one passes `maxSegmentBytes`), one entry per line as `{"p":position,"e":entry}`.
 *
 * On open every segment is scanned once to index ids (appending an id twice stores it once) and the
 * byte range of every position, so `read` fetches lines from disk by offset: 200k entries' JSON is
 * never held in memory, only three numbers per position and the id set. A crash can leave a torn
 * last line in the newest segment: it was never fsync'd (so nobody was told it was stored) and is
 * cut off on open. The log's id (`log/log-id`) tells a renderer whose position came from another
 * data folder to start again from 0.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LogEntry } from '../shared/log-entry';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, SerialQueue, readFileIfExists, syncDir, writeFileAtomic } from '../core/fsutil';
import type { Logger } from '../core/log';
import type { AppendResult, LogStore, PositionedEntry } from './log-store';

export interface JournalLogOptions {
  /** Start a new segment file once the current one holds this many bytes (default 8 MB). */
  maxSegmentBytes?: number;
  log?: Logger;
}

const SEGMENT_RE = /^(\d{6})\.jsonl$/;
/** The line prefix this module writes, so an id is found without parsing the whole entry. */
const PREFIX_RE = /^\{"p":(\d+),"e":\{"id":("(?:[^"\\]|\\.)*")/;

const segmentName = (n: number): string => `${String(n).padStart(6, '0')}.jsonl`;

interface Segment {
  n: number;
  path: string;
  size: number;
  reader?: Promise<fs.FileHandle>;
}

export class JournalLog implements LogStore {
  readonly backend = 'journal' as const;
  private readonly ids = new Map<string, number>();
  // Per position (index position - 1): which segment, where its line starts, how long it is.
  private readonly segOf: number[] = [];
  private readonly offsetOf: number[] = [];
  private readonly lengthOf: number[] = [];
  private readonly segments: Segment[] = [];
  private writer: fs.FileHandle | undefined;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<(head: number) => void>();
  private closed = false;
  /** Lines skipped on open (torn or unreadable), for tests and logs. */
  skippedLines = 0;

  private constructor(
    readonly dir: string,
    readonly logId: string,
    private readonly maxSegmentBytes: number,
    private readonly log?: Logger,
  ) {}

  static async open(dir: string, options: JournalLogOptions = {}): Promise<JournalLog> {
    await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const idPath = join(dir, 'log-id');
    let logId = (await readFileIfExists(idPath))?.trim();
    if (!logId) {
      logId = randomUUID();
      await writeFileAtomic(idPath, logId + '\n');
    }
    const j = new JournalLog(dir, logId, options.maxSegmentBytes ?? 8 * 1024 * 1024, options.log);
    await j.load();
    return j;
  }

  private async load(): Promise<void> {
    const names = (await fs.readdir(this.dir)).filter((f) => SEGMENT_RE.test(f)).sort();
    for (let i = 0; i < names.length; i++) {
      const n = Number(SEGMENT_RE.exec(names[i]!)![1]);
      const path = join(this.dir, names[i]!);
      const buf = await fs.readFile(path);
      const seg: Segment = { n, path, size: buf.length };
      const segIndex = this.segments.length;
      this.segments.push(seg);
      let start = 0;
      while (start < buf.length) {
        const nl = buf.indexOf(0x0a, start);
        if (nl === -1) {
          // No newline: a write cut short by a crash. It was never fsync'd, so never acknowledged.
          this.skippedLines++;
          this.log?.warn('log: cutting a torn last line (a crash during a write)', { segment: names[i], bytes: buf.length - start });
          await fs.truncate(path, start);
          seg.size = start;
          break;
        }
        this.indexLine(buf.toString('utf8', start, nl), segIndex, start, nl + 1 - start);
        start = nl + 1;
      }
    }
    if (this.segments.length === 0) await this.newSegment(1);
    else this.writer = await fs.open(this.segments[this.segments.length - 1]!.path, 'a', PRIVATE_FILE_MODE);
  }

  private indexLine(line: string, segIndex: number, offset: number, length: number): void {
    if (line.trim() === '') return;
    let p: number;
    let id: string;
    const m = PREFIX_RE.exec(line);
    try {
      if (m) {
        p = Number(m[1]);
        id = JSON.parse(m[2]!) as string;
      } else {
        const parsed = JSON.parse(line) as { p?: unknown; e?: { id?: unknown } };
        if (typeof parsed.p !== 'number' || typeof parsed.e?.id !== 'string') throw new Error('not an entry line');
        p = parsed.p;
        id = parsed.e.id;
      }
    } catch {
      this.skippedLines++;
      this.log?.warn('log: skipping an unreadable line', { offset });
      return;
    }
    if (p !== this.segOf.length + 1 || this.ids.has(id)) {
      this.skippedLines++;
      this.log?.warn('log: skipping a line out of order or repeated', { position: p, id });
      return;
    }
    this.ids.set(id, p);
    this.segOf.push(segIndex);
    this.offsetOf.push(offset);
    this.lengthOf.push(length);
  }

  private async newSegment(n: number): Promise<void> {
    const path = join(this.dir, segmentName(n));
    await this.writer?.close();
    this.writer = await fs.open(path, 'a', PRIVATE_FILE_MODE);
    this.segments.push({ n, path, size: 0 });
    await syncDir(this.dir);
  }

  get position(): number {
    return this.segOf.length;
  }

  /** The position of an id already in the log. */
  positionOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  append(entries: readonly LogEntry[]): Promise<AppendResult[]> {
    if (entries.length === 0) return Promise.resolve([]);
    return this.queue.run(async () => {
      if (this.closed || !this.writer) throw new Error('the log is closed');
      const results: AppendResult[] = [];
      const fresh = new Map<string, number>();
      const lines: string[] = [];
      let next = this.position + 1;
      for (const e of entries) {
        const known = this.ids.get(e.id) ?? fresh.get(e.id);
        if (known !== undefined) {
          results.push({ id: e.id, position: known, duplicate: true });
          continue;
        }
        // Written with id first so that open() finds it without parsing the entry.
        const { id, ...rest } = e;
        lines.push(`{"p":${next},"e":${JSON.stringify({ id, ...rest })}}\n`);
        fresh.set(e.id, next);
        results.push({ id: e.id, position: next, duplicate: false });
        next++;
      }
      if (lines.length === 0) return results;
      const text = lines.join('');
      const seg = this.segments[this.segments.length - 1]!;
      const segIndex = this.segments.length - 1;
      await this.writer.write(text);
      await this.writer.datasync();
      // Only now, on disk, do the entries exist for readers.
      let offset = seg.size;
      for (const line of lines) {
        const len = Buffer.byteLength(line);
        this.segOf.push(segIndex);
        this.offsetOf.push(offset);
        this.lengthOf.push(len);
        offset += len;
      }
      seg.size = offset;
      for (const [id, p] of fresh) this.ids.set(id, p);
      if (seg.size >= this.maxSegmentBytes) await this.newSegment(seg.n + 1);
      const head = this.position;
      for (const l of this.listeners) l(head);
      return results;
    });
  }

  async read(after: number, limit: number): Promise<PositionedEntry[]> {
    const from = Math.max(0, Math.floor(after));
    const to = Math.min(this.position, from + Math.max(0, Math.floor(limit)));
    const out: PositionedEntry[] = [];
    let p = from + 1;
    while (p <= to) {
      // One read per run of positions in the same segment: their lines are contiguous on disk.
      const segIndex = this.segOf[p - 1]!;
      let end = p;
      while (end < to && this.segOf[end] === segIndex) end++;
      const start = this.offsetOf[p - 1]!;
      const bytes = this.offsetOf[end - 1]! + this.lengthOf[end - 1]! - start;
      const buf = Buffer.alloc(bytes);
      const fh = await this.reader(segIndex);
      await fh.read(buf, 0, bytes, start);
      for (let q = p; q <= end; q++) {
        const s = this.offsetOf[q - 1]! - start;
        const line = buf.toString('utf8', s, s + this.lengthOf[q - 1]! - 1);
        const parsed = JSON.parse(line) as { p: number; e: LogEntry };
        out.push({ position: parsed.p, entry: parsed.e });
      }
      p = end + 1;
    }
    return out;
  }

  private reader(segIndex: number): Promise<fs.FileHandle> {
    const seg = this.segments[segIndex]!;
    // The promise is kept, so two reads at once share one handle.
    seg.reader ??= fs.open(seg.path, 'r');
    return seg.reader;
  }

  async head(): Promise<number> {
    return this.position;
  }

  onAppend(cb: (head: number) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      this.closed = true;
      await this.writer?.close();
      this.writer = undefined;
      for (const s of this.segments) {
        await (await s.reader?.catch(() => undefined))?.close();
        s.reader = undefined;
      }
    });
  }
}
