import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** A fresh RSA key pair in PEM (PKCS#8 private, SPKI public), as providers issue them. */
export function rsaKeys() {
  return generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
}

export interface ScriptedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local HTTP server standing in for a provider's API: answers by script, records every request. */
export async function scriptedServer(handle: (req: ScriptedRequest, res: ServerResponse) => void) {
  const requests: ScriptedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      handle(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Alipay's RSA2: sorted k=v pairs of every field but sign and sign_type, SHA256withRSA, base64. */
export function alipaySign(params: Record<string, string>, privateKey: string): string {
  const content = Object.keys(params)
    .filter((k) => k !== "sign" && k !== "sign_type" && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
  return createSign("RSA-SHA256").update(content, "utf8").sign(privateKey, "base64");
}

/** WeChat Pay v3 signs "timestamp\nnonce\nbody\n" with the platform key. */
export function wechatHeaders(body: string, platformPrivateKey: string, serial: string, timestamp = Math.floor(Date.now() / 1000)) {
  const nonce = randomBytes(16).toString("hex");
  const signature = createSign("RSA-SHA256").update(`${timestamp}\n${nonce}\n${body}\n`).sign(platformPrivateKey, "base64");
  return { "wechatpay-signature": signature, "wechatpay-timestamp": String(timestamp), "wechatpay-nonce": nonce, "wechatpay-serial": serial };
}

/** AEAD_AES_256_GCM as WeChat Pay encrypts a notification's resource. */
export function wechatEncrypt(apiV3Key: string, plaintext: string, associatedData = "transaction") {
  const nonce = randomBytes(6).toString("hex");
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: "AEAD_AES_256_GCM", ciphertext: encrypted.toString("base64"), nonce, associated_data: associatedData, original_type: "transaction" };
}

/** Checks a WECHATPAY2-SHA256-RSA2048 Authorization header against the merchant's public key. */
export function wechatAuthorizationValid(req: ScriptedRequest, merchantPublicKey: string): boolean {
  const auth = String(req.headers.authorization ?? "");
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(auth)?.[1] ?? "";
  if (!auth.startsWith("WECHATPAY2-SHA256-RSA2048 ")) return false;
  const message = `${req.method}\n${req.url}\n${field("timestamp")}\n${field("nonce_str")}\n${req.body}\n`;
  return createVerify("RSA-SHA256").update(message).verify(merchantPublicKey, field("signature"), "base64");
}
