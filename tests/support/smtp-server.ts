import { createServer, type Socket } from "node:net";

/** A minimal SMTP server on a real port that keeps every message it receives (no auth, no TLS). */
export async function startSmtpServer() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = createServer((socket: Socket) => {
    let from = "";
    let to: string[] = [];
    let data: string[] | null = null;
    let buffer = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (data) {
          if (line === ".") {
            messages.push({ from, to, data: data.join("\n") });
            data = null;
            to = [];
            socket.write("250 queued\r\n");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-test\r\n250 8BITMIME\r\n");
        else if (verb === "MAIL") (from = line), socket.write("250 ok\r\n");
        else if (verb === "RCPT") to.push(line), socket.write("250 ok\r\n");
        else if (verb === "DATA") (data = []), socket.write("354 go\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
