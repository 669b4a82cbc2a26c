import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { fileURLToPath } from "node:url";

/** A message as the sink received it: envelope, raw DATA (dot-stuffing undone) and decoded parts. */
export interface ReceivedMail {
  from: string;
  to: string[];
  auth: { user: string; pass: string } | null;
  /** Whether the message came over TLS (after STARTTLS). */
  secure: boolean;
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/** RFC 2047 encoded-words (B and Q) back to text. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\r\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    const hex = soft.slice(i + 1, i + 3);
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8").replace(/\r\n/g, "\n");
}

function parse(raw: string): Pick<ReceivedMail, "headers" | "subject" | "text"> {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const at = line.indexOf(":");
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  const body = raw.slice(split + 4);
  const cte = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const text =
    cte === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : cte === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
        : body.replace(/\r\n/g, "\n");
  return { headers, subject: decodeHeader(headers.subject ?? ""), text };
}

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
/** A self-signed certificate for 127.0.0.1 and localhost, for tests only. */
export const SINK_CERT = readFileSync(path.join(fixtures, "smtp-sink-cert.pem"), "utf8");
const SINK_KEY = readFileSync(path.join(fixtures, "smtp-sink-key.pem"), "utf8");

/**
 * An SMTP server on loopback speaking enough of RFC 5321 to accept mail (EHLO, STARTTLS with the
 * test certificate when `startTls`, AUTH PLAIN, MAIL, RCPT, DATA, RSET, QUIT). `refuse` makes it
 * answer MAIL FROM with a temporary failure (451).
 */
export async function startSmtpSink(options: { startTls?: boolean } = {}): Promise<{
  port: number;
  url: (auth?: string) => string;
  messages: ReceivedMail[];
  refuse: boolean;
  /** Resolves once `n` messages in all have arrived. */
  received(n: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}> {
  const messages: ReceivedMail[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sink = {
    port: 0,
    messages,
    refuse: false,
    url: (auth?: string) => `smtp://${auth ? `${auth}@` : ""}127.0.0.1:${sink.port}`,
    received(n: number) {
      return new Promise<ReceivedMail[]>((resolve) => {
        if (messages.length >= n) return resolve(messages);
        waiters.push({ n, resolve: () => resolve(messages) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((plain) => {
    sockets.add(plain);
    plain.on("close", () => sockets.delete(plain));
    plain.on("error", () => undefined);
    let socket: net.Socket = plain;
    let secure = false;
    let buffer = "";
    let inData = false;
    let data: string[] = [];
    let envelope: { from: string; to: string[]; auth: ReceivedMail["auth"] } = { from: "", to: [], auth: null };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP ready");
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      let at: number;
      while ((at = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            const raw = Buffer.from(data.join("\r\n"), "latin1").toString("utf8");
            messages.push({ ...envelope, secure, raw, ...parse(raw) });
            envelope = { from: "", to: [], auth: envelope.auth };
            reply("250 2.0.0 queued");
            for (const w of waiters.filter((w) => messages.length >= w.n)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          } else data.push(line.startsWith(".") ? line.slice(1) : line);
          continue;
        }
        const [verb = "", ...rest] = line.split(" ");
        switch (verb.toUpperCase()) {
          case "EHLO":
            reply("250-sink.test greets you");
            reply("250-8BITMIME");
            if (options.startTls && !secure) reply("250-STARTTLS");
            reply("250-AUTH PLAIN");
            reply("250 SIZE 10485760");
            break;
          case "AUTH": {
            const [, user = "", pass = ""] = Buffer.from(rest[1] ?? "", "base64")
              .toString("utf8")
              .split("\0");
            envelope.auth = { user, pass };
            reply("235 2.7.0 Authentication successful");
            break;
          }
          case "MAIL":
            if (sink.refuse) reply("451 4.3.0 Mailbox temporarily unavailable");
            else {
              envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
              reply("250 2.1.0 OK");
            }
            break;
          case "RCPT":
            envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
            reply("250 2.1.5 OK");
            break;
          case "DATA":
            inData = true;
            data = [];
            reply("354 End data with <CR><LF>.<CR><LF>");
            break;
          case "STARTTLS": {
            reply("220 2.0.0 Ready to start TLS");
            plain.removeListener("data", onData);
            socket = new tls.TLSSocket(plain, { isServer: true, key: SINK_KEY, cert: SINK_CERT });
            socket.on("error", () => undefined);
            socket.on("data", onData);
            secure = true;
            buffer = "";
            envelope = { from: "", to: [], auth: null };
            return;
          }
          case "RSET":
            reply("250 OK");
            break;
          case "QUIT":
            reply("221 Bye");
            socket.end();
            break;
          default:
            reply("502 5.5.2 Command not implemented");
        }
      }
    };
    plain.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.port = (server.address() as net.AddressInfo).port;
  const close = sink.close;
  sink.close = async () => {
    for (const s of sockets) s.destroy();
    await close();
  };
  return sink;
}
