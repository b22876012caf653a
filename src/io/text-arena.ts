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
  private readonly blocks: Uint8Array[] = [];
  private current: Uint8Array = new Uint8Array(0);
  private used = 0;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  /**
   * Keeps `text`; returns its handle, or null for a string that would not come back the same
   * (a lone surrogate has no UTF-8 form): keep such a string as it is.
   */
  add(text: string): { handle: number; bytes: number } | null {
    const most = text.length * 3;
    if (most >= SPAN || !(text as WellFormed).isWellFormed()) return null;
    if (this.blocks.length === 0 || this.used + most > this.current.length) {
      this.current = new Uint8Array(Math.max(BLOCK, most));
      this.blocks.push(this.current);
      this.used = 0;
    }
    const { written } = this.encoder.encodeInto(text, this.current.subarray(this.used));
    const handle = (this.blocks.length - 1) * SPAN + this.used;
    this.used += written;
    return { handle, bytes: written };
  }

  get(handle: number, bytes: number): string {
    const block = this.blocks[Math.floor(handle / SPAN)]!;
    const at = handle % SPAN;
    return this.decoder.decode(block.subarray(at, at + bytes));
  }
}
