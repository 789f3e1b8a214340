// Sending one-time codes and links to people: email through SMTP (nodemailer), SMS through an HTTP
// webhook. With neither configured (development), messages go to the server log and to an outbox
// file that tests and developers read.
import fs from 'node:fs'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'

export type Channel = 'email' | 'sms'

export interface Message {
  channel: Channel
  /** An email address or an E.164 phone number. */
  to: string
  subject: string
  text: string
}

export interface MessagesConfig {
  /** smtp://user:password@host:port or smtps://… */
  smtpUrl: string | undefined
  /** The From address of emails. */
  mailFrom: string
  /** POST {to, text} as JSON to this URL for each SMS. */
  smsWebhookUrl: string | undefined
  /** Where undeliverable messages are appended as JSON lines (development). */
  outboxFile: string
}

export interface Logger {
  info(object: object, message: string): void
  warn(object: object, message: string): void
  error(object: object, message: string): void
}

export class Messenger {
  private readonly mail: Transporter | null

  constructor(private readonly config: MessagesConfig, private readonly log: Logger) {
    this.mail = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null
  }

  /** Can this channel reach people, or only the development outbox? */
  delivers(channel: Channel): boolean {
    return channel === 'email' ? this.mail !== null : this.config.smsWebhookUrl !== undefined
  }

  async send(message: Message): Promise<void> {
    if (message.channel === 'email' && this.mail) {
      await this.mail.sendMail({ from: this.config.mailFrom, to: message.to, subject: message.subject, text: message.text })
      return
    }
    if (message.channel === 'sms' && this.config.smsWebhookUrl) {
      const response = await fetch(this.config.smsWebhookUrl, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`the SMS webhook answered ${response.status}`)
      return
    }
    // Development: nothing is configured to deliver this channel.
    fs.mkdirSync(path.dirname(this.config.outboxFile), { recursive: true })
    fs.appendFileSync(this.config.outboxFile, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`, { mode: 0o600 })
    this.log.warn({ channel: message.channel, to: message.to, subject: message.subject, text: message.text },
      `no ${message.channel === 'email' ? 'SMTP server' : 'SMS webhook'} is configured: the message went to the development outbox ${this.config.outboxFile}`)
  }

  /** Sends without making the caller wait (so that answers take as long whether or not a message went out). */
  sendLater(message: Message): void {
    this.send(message).catch((error: unknown) => this.log.error({ err: error, channel: message.channel }, 'a message could not be sent'))
  }

  close(): void {
    this.mail?.close()
  }
}

/** The development outbox, newest last (tests read it). */
export function readOutbox(file: string): Array<Message & { at: string }> {
  if (!fs.existsSync(file)) return []
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Message & { at: string })
}
