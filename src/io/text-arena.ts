/**
 * Strings kept as UTF-8 bytes in a few large blocks: a ranked run keeps each record's text here
 * instead of as a string (V8 stores a string with one character outside Latin-1, a euro sign say, at
 * two bytes per character, and each string is one more object for the garbage collector to visit).
 * A handle is a number; `get` decodes a fresh string.
 */
const BLOCK = 4 * 1024 * 1024;
/** Offsets inside a block fit below this; a handle is block x SPAN + offset. */
const SPAN = 2 ** 24;

/** String.prototype.isWellFormed: in Node 20, not yet in TypeScript's ES2023 library. */
type WellFormed = string & { isWellFormed(): boolean };

export class TextArena {
  /** Blocks live in SharedArrayBuffers: worker threads read them without a copy (see `view`). */
  readonly blocks: Buffer[] = [];
  private current: Buffer = Buffer.alloc(0);
  private used = 0;

  /**
   * Keeps `text`; returns its handle, or null for a string that would not come back the same
   * (a lone surrogate has no UTF-8 form): keep such a string as it is.
   */
  add(text: string): { handle: number; bytes: number } | null {
    const most = text.length * 3;
    if (most >= SPAN || !(text as WellFormed).isWellFormed()) return null;
    if (this.blocks.length === 0 || this.used + most > this.current.length) {
      this.current = Buffer.from(new SharedArrayBuffer(Math.max(BLOCK, most)));
      this.blocks.push(this.current);
      this.used = 0;
    }
    // Room for three bytes per UTF-16 unit was made above, so the whole text is written.
    const written = this.current.write(text, this.used, "utf8");
    const handle = (this.blocks.length - 1) * SPAN + this.used;
    this.used += written;
    return { handle, bytes: written };
  }

  /** A read-only arena on another thread's blocks. */
  static view(blocks: readonly Uint8Array[]): TextArena {
    const arena = new TextArena();
    // Buffers arrive in a worker as plain Uint8Arrays on the same shared memory.
    for (const b of blocks) arena.blocks.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return arena;
  }

  /**
   * The text up to the first `byte` (an ASCII delimiter: in UTF-8 it never occurs inside another
   * character), or all of it when there is none; null when the text starts with a quote (then the
   * delimiter may be inside the first field).
   */
  firstBytes(handle: number, bytes: number, byte: number): string | null {
    const block = this.blocks[Math.floor(handle / SPAN)]!;
    const at = handle % SPAN;
    if (bytes > 0 && block[at] === 0x22) return null;
    const end = block.subarray(at, at + bytes).indexOf(byte);
    return block.toString("utf8", at, end < 0 ? at + bytes : at + end);
  }

  get(handle: number, bytes: number): string {
    const block = this.blocks[Math.floor(handle / SPAN)]!;
    const at = handle % SPAN;
    return block.toString("utf8", at, at + bytes);
  }
}
