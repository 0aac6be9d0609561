/**
 * A light English stemmer: enough to make "cancelling", "canceled" and "cancellation" one
 * feature. Deliberately conservative; character n-grams catch what it misses.
 */
export function stem(word: string): string {
  if (word.length <= 4 || !/^[a-z]+$/.test(word)) return word;
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  let w = word;
  if (/(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (/ies$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (/[^su]s$/.test(w)) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "cancell" -> "cancel", "shipp" -> "ship", "stopp" -> "stop"
  if (/([bdfglmnprt])\1$/.test(w) && w.length > 3) w = w.slice(0, -1);
  return w;
}

const SUFFIXES = ["ation", "ment", "ing", "ied", "ed", "ly"];

// Null-prototype lookup tables wherever user text is the key ("constructor" must not find a function).
const IRREGULAR: Record<string, string> = Object.setPrototypeOf({
  bought: "buy",
  paid: "pay",
  sent: "send",
  gave: "give",
  given: "give",
  forgot: "forget",
  forgotten: "forget",
  shipped: "ship",
  shipping: "ship",
  shipment: "ship",
  addresses: "address",
  purchases: "purchase",
  purchased: "purchase",
  received: "receive",
  receiving: "receive",
  refunded: "refund",
  refunds: "refund",
  invoices: "invoice",
  deliveries: "delivery",
  delivered: "deliver",
  delivering: "deliver",
}, null);
