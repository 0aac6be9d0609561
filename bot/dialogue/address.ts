import type { Address } from "../ports.ts";

/**
 * Reads a delivery address typed in one line. Chinese addresses run from province to
 * street ("浙江省杭州市西湖区文三路90号"); English ones from street to city, separated by
 * commas ("12 Main St, Apt 3, Boulder, CO 80302"). A phone number and a name found in
 * the text are taken too. Returns null when the text cannot be an address.
 */
/** A Chinese mobile number, or any number written with its country code. */
const MOBILE = /(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}|\+\d[\d\s-]{7,16}\d/;
/** Any phone-like run of 7 to 15 digits ("(303) 555-0100", "555 123 4567"). */
const PHONE = new RegExp(`${MOBILE.source}|\\(?\\d[\\d\\s().-]{5,18}\\d`);
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const NAME_PREFIX = /^(?:my name is|my name's|name\s*[:：]?|i'm|i am|it's|this is|call me|收件人(?:是|叫|姓名)?[:：]?|姓名[:：]?|名字[是:：]?|我叫|我是|叫我)\s*/i;
/** A person's name as typed: two to six Han characters, or one to five words of letters. */
const NAME = /^(?:[\p{Script=Han}·]{2,6}|[\p{L}][\p{L}\p{M}'’.-]*(?:\s+[\p{L}][\p{L}\p{M}'’.-]*){0,4})$/u;

export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
  /** The name came after "my name is", "我叫" and the like. */
  introduced?: boolean;
}

/**
 * Reads a recipient's name with whatever contact details came with it, in any order:
 * "王小明 13800138000", "Amy Lee, amy@example.com, (303) 555-0100", "my name is Tom".
 * The name is left out when what remains does not look like a name ("how much is shipping?").
 */
export function parseContact(text: string): Contact {
  let rest = text.normalize("NFKC").trim();
  const contact: Contact = {};
  const take = (re: RegExp) => {
    const m = re.exec(rest);
    if (!m) return undefined;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m[0].trim();
  };
  contact.email = take(EMAIL);
  contact.phone = take(PHONE);
  const name = rest
    .replace(/(?:电话|手机|手机号|邮箱|phone|tel|mobile|email)\s*[:：]?/gi, " ")
    .replace(/[\s,，;；、/|]+/g, " ")
    .trim();
  const bare = name.replace(NAME_PREFIX, "").trim();
  if (NAME.test(bare)) contact.name = bare;
  if (bare !== name) contact.introduced = true;
  return Object.fromEntries(Object.entries(contact).filter(([, v]) => v)) as Contact;
}

export function parseAddress(text: string, country: string): Partial<Address> | null {
  let rest = text.normalize("NFKC").trim();
  const result: Partial<Address> = { country };
  const phone = MOBILE.exec(rest);
  if (phone) {
    result.phone = phone[0].trim();
    rest = (rest.slice(0, phone.index) + " " + rest.slice(phone.index + phone[0].length)).trim();
  }
  if (/\p{Script=Han}/u.test(rest)) {
    const zh = /^(?:(.{2,7}?(?:省|自治区|特别行政区)))?(.{1,10}?市)?(.+)$/u.exec(rest.replace(/\s+/g, " "));
    if (!zh) return null;
    const [, region, city, tail] = zh;
    // A name typed after the address: "文三路90号 陈美"
    const named = /^(.*?\d+\s*(?:号|室|楼|栋|单元)?\S*)\s+(\p{Script=Han}{2,4})$/u.exec(tail!.trim());
    if (named) {
      result.line1 = named[1]!.trim();
      result.name = named[2];
    } else result.line1 = tail!.trim();
    if (region) result.region = region;
    result.city = city ?? region ?? "";
    if (!result.city) {
      const cityLike = /^(.{2,4}?)(?:区|县)/u.exec(result.line1);
      result.city = cityLike ? cityLike[0] : "";
    }
    return result.line1 && result.line1.length >= 3 && result.city ? result : result.line1 && result.line1.length >= 6 ? { ...result, city: result.city || "—" } : null;
  }
  const parts = rest.split(/\s*[,，;]\s*/).filter(Boolean);
  if (parts.length < 2 || !/\d/.test(parts[0]!) && !/\d/.test(rest)) return null;
  result.line1 = parts[0]!;
  const last = parts.at(-1)!;
  const stateZip = /^([A-Za-z .'-]+?)\s+([A-Z]{2})?\s*(\d{4,6}(?:-\d{4})?)?$/.exec(last);
  if (parts.length >= 3 && stateZip && (stateZip[2] || stateZip[3]) && !/\d/.test(parts.at(-2)!)) {
    result.city = parts.at(-2)!;
    result.region = [stateZip[1], stateZip[2]].filter(Boolean).join(" ");
    if (stateZip[3]) result.postalCode = stateZip[3];
    if (parts.length > 3) result.line2 = parts.slice(1, -2).join(", ");
  } else {
    const zip = /^(.*?)\s+([A-Z]{2}\s+)?(\d{4,6}(?:-\d{4})?)$/.exec(last);
    result.city = zip ? zip[1]! : last;
    if (zip?.[2]) result.region = zip[2].trim();
    if (zip?.[3]) result.postalCode = zip[3];
    if (parts.length > 2) result.line2 = parts.slice(1, -1).join(", ");
  }
  return result.city ? result : null;
}

export const defaultCountry = (currency: string) => ({ CNY: "CN", USD: "US", EUR: "DE", GBP: "GB", HKD: "HK", JPY: "JP" })[currency] ?? "CN";
