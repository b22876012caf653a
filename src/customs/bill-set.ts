/**
 * The bills of a customs run, to count a shipment once however many rows its bill has. A bill is kept as a 53-bit
 * hash in an open-addressing table of doubles: a `Set<number>` of such hashes holds each as a heap number (they do
 * not fit a small integer), ~40 bytes and an allocation per bill, and its lookups were a twentieth of a 2M-row run.
 */
export class BillSet {
  private keys = new Float64Array(1 << 12);
  private mask = (1 << 12) - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the bill number `bill`; whether it was new. */
  add(bill: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < bill.length; i++) {
      const c = bill.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 2246822519);
    }
    // 0 marks an empty slot: a hash of 0 is stored as 1 (one more collision in 2^53).
    const key = (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff) || 1;
    if (!this.insert(key, h1)) return false;
    if (++this.count * 2 > this.keys.length) this.grow();
    return true;
  }

  /** Puts `key` in its slot (probing from `h1`); false when it is there already. */
  private insert(key: number, h1: number): boolean {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) return false;
      if (k === 0) {
        keys[i] = key;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.keys;
    this.keys = new Float64Array(old.length * 2);
    this.mask = this.keys.length - 1;
    // h1 is the key's high part (the key is h1 * 2^21 + 21 bits of h2, below 2^53).
    for (const k of old) if (k !== 0) this.insert(k, Math.floor(k / 2097152) | 0);
  }
}
