import { randomUUID } from "node:crypto";
import net from "node:net";
import os from "node:os";
import tls from "node:tls";
import type { EmailMessage, EmailSender } from "../../ports/email-sender";

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps://, usually port 465). */
  secure: boolean;
  /** STARTTLS: "auto" upgrades when the server offers it, "required" fails when it does not. */
  startTls: "auto" | "required" | "off";
  auth: { user: string; pass: string } | null;
  /** The sender, "address" or "Name <address>". */
  from: string;
  /** Our name in EHLO. */
  clientName?: string;
  timeoutMs?: number;
  tls?: tls.ConnectionOptions;
}

/** smtp://user:pass@host:587?starttls=required, smtps://host:465; MAIL_FROM separately. */
export function parseSmtpUrl(url: string, from: string): SmtpOptions {
  const u = new URL(url);
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
  const secure = u.protocol === "smtps:";
  const startTls = u.searchParams.get("starttls") ?? "auto";
  if (startTls !== "auto" && startTls !== "required" && startTls !== "off")
    throw new Error("SMTP_URL starttls must be auto, required or off");
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : secure ? 465 : 25,
    secure,
    startTls: secure ? "off" : startTls,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : null,
    from,
  };
}

function addressOf(mailbox: string): string {
  const address = (/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim();
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(address)) throw new Error(`Not an e-mail address: ${JSON.stringify(mailbox)}`);
  return address;
}

/** RFC 2047 encoded-words (UTF-8, base64) of at most 75 characters, never splitting a character. */
export function encodeHeaderWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = "";
  const enc = new TextEncoder();
  for (const ch of text) {
    // 39 bytes are 52 characters of base64, 64 with "=?UTF-8?B?" and "?=": room for "Subject: ".
    if (enc.encode(chunk + ch).length > 39) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join("\r\n ");
}

/** Quoted-printable (RFC 2045) of UTF-8 text, lines of at most 76 characters, CRLF line ends. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n|\r/g, "\n").split("\n")) {
    const bytes = Buffer.from(line, "utf8");
    let encoded = "";
    let width = 0;
    bytes.forEach((b, i) => {
      const last = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const piece = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
      if (width + piece.length > 75) {
        encoded += "=\r\n";
        width = 0;
      }
      encoded += piece;
      width += piece.length;
    });
    out.push(encoded);
  }
  return out.join("\r\n");
}

function rfc5322Date(at: Date): string {
  return at.toUTCString().replace("GMT", "+0000");
}

/** The message as it goes after DATA: headers, a UTF-8 text/plain body in quoted-printable, dot-stuffed. */
export function buildMessage(message: EmailMessage, from: string, at: Date): string {
  const fromAddress = addressOf(from);
  const name = /^(.*?)\s*<[^<>]+>\s*$/.exec(from)?.[1]?.replace(/^"|"$/g, "") ?? "";
  const headers = [
    `From: ${name ? `${encodeHeaderWords(name)} <${fromAddress}>` : fromAddress}`,
    `To: ${addressOf(message.to)}`,
    `Subject: ${encodeHeaderWords(message.subject.replace(/[\r\n]+/g, " "))}`,
    `Date: ${rfc5322Date(at)}`,
    `Message-ID: <${randomUUID()}@${fromAddress.split("@")[1]}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    ...(message.language ? [`Content-Language: ${message.language.replace(/[^A-Za-z-]/g, "")}`] : []),
  ];
  const body = `${headers.join("\r\n")}\r\n\r\n${quotedPrintable(message.text)}`;
  // Dot-stuffing (RFC 5321 §4.5.2): a line that starts with "." gets another in front.
  return body
    .split("\r\n")
    .map((line) => (line.startsWith(".") ? `.${line}` : line))
    .join("\r\n");
}

class SmtpError extends Error {}

/** One SMTP conversation: reads replies (multi-line ones too) and writes commands. */
class Conversation {
  private buffer = "";
  private lines: string[] = [];
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;

  constructor(
    public socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  attach(socket: net.Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.buffer += chunk.toString("utf8");
      let at: number;
      while ((at = this.buffer.indexOf("\n")) >= 0) {
        this.lines.push(this.buffer.slice(0, at).replace(/\r$/, ""));
        this.buffer = this.buffer.slice(at + 1);
      }
      this.wake();
    });
    socket.on("error", (error) => this.fail(error));
    socket.on("close", () => this.fail(new SmtpError("The mail server closed the connection")));
  }

  detach() {
    this.socket.removeAllListeners("data").removeAllListeners("error").removeAllListeners("close");
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.wake();
  }

  private wake() {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** The next reply: its code and its lines' text. */
  async reply(): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) {
        const m = /^(\d{3})([- ])?(.*)$/.exec(line);
        if (!m) throw new SmtpError(`Unexpected reply from the mail server: ${line}`);
        lines.push(m[3] ?? "");
        if (m[2] !== "-") return { code: Number(m[1]), lines };
        continue;
      }
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new SmtpError("The mail server did not answer in time");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async command(line: string | null, expect: number[], what = line ?? "greeting") {
    if (line !== null) this.socket.write(`${line}\r\n`);
    const reply = await this.reply();
    if (!expect.includes(reply.code)) {
      const shown = what.startsWith("AUTH") ? "AUTH" : what;
      throw new SmtpError(`The mail server refused ${shown}: ${reply.code} ${reply.lines.join(" ")}`);
    }
    return reply;
  }
}

/** SNI carries host names only (RFC 6066); an address is checked against the certificate's IP names. */
const serverName = (host: string) => (net.isIP(host) ? {} : { servername: host });

function connect(options: SmtpOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.secure
      ? tls.connect({ host: options.host, port: options.port, ...serverName(options.host), ...options.tls })
      : net.connect({ host: options.host, port: options.port });
    const timer = setTimeout(
      () => socket.destroy(new SmtpError("Could not reach the mail server in time")),
      options.timeoutMs ?? 30_000,
    );
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once(options.secure ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      socket.removeListener("error", onError);
      resolve(socket);
    });
    socket.once("error", onError);
  });
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1"]);

/** E-mail over SMTP (RFC 5321) with node:net/node:tls: one connection per message. */
export function createSmtpEmailSender(options: SmtpOptions): EmailSender {
  const clientName = options.clientName ?? os.hostname();
  const envelopeFrom = addressOf(options.from);
  return {
    async send(message) {
      const to = addressOf(message.to);
      const data = buildMessage(message, options.from, new Date());
      const c = new Conversation(await connect(options), options.timeoutMs ?? 30_000);
      try {
        await c.command(null, [220]);
        let ehlo = await c.command(`EHLO ${clientName}`, [250]);
        let encrypted = options.secure;
        const offers = (word: string) => ehlo.lines.some((l) => l.toUpperCase().split(/\s+/)[0] === word);
        if (!encrypted && options.startTls !== "off" && offers("STARTTLS")) {
          await c.command("STARTTLS", [220]);
          c.detach();
          const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
            const s = tls.connect({ socket: c.socket, ...serverName(options.host), ...options.tls }, () => resolve(s));
            s.once("error", reject);
          });
          c.attach(secure);
          encrypted = true;
          ehlo = await c.command(`EHLO ${clientName}`, [250]);
        } else if (!encrypted && options.startTls === "required") {
          throw new SmtpError("The mail server does not offer STARTTLS, and SMTP_URL requires it");
        }
        if (options.auth) {
          // A password goes in the clear only to a server on this machine.
          if (!encrypted && !LOOPBACK.has(options.host)) throw new SmtpError("Refusing to send the SMTP password without TLS");
          const token = Buffer.from(`\0${options.auth.user}\0${options.auth.pass}`, "utf8").toString("base64");
          await c.command(`AUTH PLAIN ${token}`, [235]);
        }
        await c.command(`MAIL FROM:<${envelopeFrom}>`, [250]);
        await c.command(`RCPT TO:<${to}>`, [250, 251]);
        await c.command("DATA", [354]);
        await c.command(`${data}\r\n.`, [250], "the message");
        c.socket.write("QUIT\r\n");
      } finally {
        c.detach();
        c.socket.on("error", () => undefined);
        c.socket.end();
      }
    },
  };
}
