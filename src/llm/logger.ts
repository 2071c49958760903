/** The slice of a pino logger the LLM layer uses, so tests and callers can pass any compatible logger. */
export interface LlmLogger {
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Used when no logger is injected. */
export const silentLogger: LlmLogger = {
  warn: () => undefined,
  debug: () => undefined,
};
