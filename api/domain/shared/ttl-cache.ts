/**
 * A small read-through cache whose entries belong to a merchant, so that one merchant's
 * change drops only that merchant's entries (`"*"`: everyone's). Concurrent misses share
 * one load; a failed load is not kept; nothing is kept longer than `ttlMs`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; merchantId?: string; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    /** Entries kept at most; the oldest go first. @defaultValue 10000 */
    private readonly max = 10_000,
  ) {}

  /** The cached value for `key`, or `load()`'s; `merchantOf` says whose it is (undefined: not kept). */
  get(key: string, load: () => Promise<V>, merchantOf: (value: V) => string | undefined): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const entry: { at: number; merchantId?: string; value: Promise<V> } = { at: now, value: load() };
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    entry.value.then(
      (value) => {
        const merchantId = merchantOf(value);
        if (merchantId === undefined) this.forget(key, entry);
        else entry.merchantId = merchantId;
      },
      () => this.forget(key, entry),
    );
    return entry.value;
  }

  /** Drops the merchant's entries, and any still loading (whose owner is not known yet). */
  dropMerchant(merchantId: string): void {
    for (const [key, entry] of this.entries) {
      if (merchantId === "*" || entry.merchantId === undefined || entry.merchantId === merchantId) this.entries.delete(key);
    }
  }

  private forget(key: string, entry: object) {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}
