import { randomUUID } from "node:crypto";
import type { PrivacyKind, PrivacyPort, PrivacySubject } from "../../bot/ports.ts";
import type { InMemoryCommerce } from "./commerce.ts";

/**
 * The shop's data requests in memory, over the orders of an in-memory shop: a person is a
 * verified shopper's customer id, or the customer of an order (by id, else by its email).
 */
export class InMemoryPrivacy implements PrivacyPort {
  /** settings.privacy.selfServiceErasure */
  policy: "immediate" | "queue" = "queue";
  readonly requests: { id: string; customerId: string; kind: PrivacyKind; status: "pending" | "done"; conversationId: string }[] = [];
  readonly erased = new Set<string>();

  constructor(private readonly commerce: InMemoryCommerce) {}

  private personOf(subject: PrivacySubject): string | null {
    const order = "provenOrderId" in subject ? this.commerce.orders.find((o) => o.id === subject.provenOrderId) : undefined;
    const person = "customerId" in subject ? subject.customerId : order ? (order.customerId ?? `email:${order.customer.email}`) : null;
    return person && !this.erased.has(person) ? person : null;
  }

  private ordersOf(person: string) {
    return this.commerce.orders.filter((o) => (o.customerId ?? `email:${o.customer.email}`) === person);
  }

  async erasurePolicy() {
    return this.policy;
  }

  async summary(_merchantId: string, subject: PrivacySubject) {
    const person = this.personOf(subject);
    if (!person) return null;
    const orders = this.ordersOf(person);
    return { orders: orders.length, conversations: 1, hasName: orders.some((o) => o.customer.name), hasEmail: orders.length > 0, hasPhone: orders.some((o) => o.customer.phone), hasAddress: orders.length > 0 };
  }

  async request(_merchantId: string, subject: PrivacySubject, kind: PrivacyKind, context: { conversationId: string }) {
    const person = this.personOf(subject);
    if (!person) return { ok: false as const, code: "customers:not_found" };
    const pending = this.requests.find((r) => r.customerId === person && r.kind === kind && r.status === "pending");
    const request = pending ?? { id: randomUUID(), customerId: person, kind, status: "pending" as const, conversationId: context.conversationId };
    if (!pending) this.requests.push(request);
    if (kind === "erasure" && this.policy === "immediate") {
      for (const order of this.ordersOf(person)) order.customer = { email: "erased@erased.invalid", name: null, phone: null };
      this.erased.add(person);
      request.status = "done";
      return { ok: true as const, value: { id: request.id, status: "done" as const } };
    }
    return { ok: true as const, value: { id: request.id, status: "queued" as const } };
  }
}
