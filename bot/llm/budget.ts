/**
 * A per-merchant daily token budget for the language model (OWASP LLM10, unbounded
 * consumption). When a merchant's budget is spent the local engine answers until the
 * next day (UTC). In memory on one node; api/ has the Redis one shared by every node.
 */
export interface TokenBudget {
  /** Whether the merchant may still call the model today. */
  allows(merchantId: string): Promise<boolean>;
  /** Records tokens the model used for this merchant. */
  spend(merchantId: string, tokens: number): Promise<void>;
}

export const budgetDay = (now: Date) => now.toISOString().slice(0, 10);

export class MemoryTokenBudget implements TokenBudget {
  private readonly used = new Map<string, number>();

  constructor(
    private readonly dailyTokens: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async allows(merchantId: string): Promise<boolean> {
    return (this.used.get(this.key(merchantId)) ?? 0) < this.dailyTokens;
  }

  async spend(merchantId: string, tokens: number): Promise<void> {
    const key = this.key(merchantId);
    this.used.set(key, (this.used.get(key) ?? 0) + tokens);
  }

  private key(merchantId: string) {
    return `${merchantId}:${budgetDay(this.now())}`;
  }
}
