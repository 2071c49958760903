/** The parts of hoodiecrow-imap (an IMAP test server, untyped) the email tests use. */
declare module 'hoodiecrow-imap' {
  interface HoodiecrowServer {
    listen(port: number): void;
    close(callback: () => void): void;
    appendMessage(mailbox: string, flags: string[], internalDate: false | Date, raw: string): void;
  }
  export default function hoodiecrow(options: {
    plugins?: string[];
    storage?: Record<string, { messages: unknown[] }>;
  }): HoodiecrowServer;
}
