/**
 * Text normalisation before tokenising: full-width forms to ASCII (NFKC), lower case,
 * letters repeated three or more times cut to two ("sooo" -> "soo"), chat spellings and
 * common misspellings mapped to one form, and entities replaced by placeholders so that
 * "order LL482913" and "order LL100200" look the same to the classifier.
 */
export function normalize(text: string): string {
  let out = text.normalize("NFKC").toLowerCase();
  out = out.replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/[\u201c\u201d]/g, '"');
  out = out.replace(/([a-z])\1{2,}/g, "$1$1");
  out = out.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " zzemail ");
  out = out.replace(/\b[a-z]{2}-?\d{6}\b/g, " zzorderno ");
  out = out.replace(/(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}/g, " zzphone ");
  out = out.replace(/[¥$€£]\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s?(?:元|块钱|块|rmb|yuan|usd|dollars?)/g, " zzmoney ");
  out = out.replace(/\d+/g, " 0 ");
  out = out.replace(/\b[a-z']+\b/g, (word) => SPELLING[word] ?? word);
  return out.replace(/\s+/g, " ").trim();
}

/** Chat shorthand and frequent misspellings, to their plain form. */
const SPELLING: Record<string, string> = Object.setPrototypeOf({
  u: "you",
  ya: "you",
  ur: "your",
  r: "are",
  pls: "please",
  plz: "please",
  plss: "please",
  thx: "thanks",
  thanx: "thanks",
  ty: "thanks",
  wanna: "want to",
  gonna: "going to",
  gotta: "have to",
  cant: "can't",
  dont: "don't",
  didnt: "didn't",
  doesnt: "doesn't",
  im: "i'm",
  ive: "i've",
  whats: "what's",
  wheres: "where's",
  hows: "how's",
  cancell: "cancel",
  cancle: "cancel",
  cancelation: "cancellation",
  canceletion: "cancellation",
  adress: "address",
  addres: "address",
  adres: "address",
  recieve: "receive",
  recieved: "received",
  reciept: "receipt",
  acount: "account",
  accout: "account",
  acc: "account",
  pasword: "password",
  passwrd: "password",
  pwd: "password",
  passwd: "password",
  invoise: "invoice",
  invoce: "invoice",
  shiping: "shipping",
  shippment: "shipment",
  delivry: "delivery",
  delievery: "delivery",
  custumer: "customer",
  costumer: "customer",
  custome: "customer",
  servise: "service",
  refound: "refund",
  refun: "refund",
  reimbursment: "reimbursement",
  paymet: "payment",
  payement: "payment",
  oder: "order",
  ordr: "order",
  odrer: "order",
  purchace: "purchase",
  newsleter: "newsletter",
  subscibe: "subscribe",
  complain: "complaint",
  agnet: "agent",
  humann: "human",
  wierd: "weird",
  sth: "something",
  smth: "something",
  abt: "about",
  info: "information",
  asap: "soon",
}, null);
