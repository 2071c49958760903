import { createLlmClient, type LlmEnv } from '../llm/create-llm-client.js';
import type { LlmClient } from '../llm/llm-client.js';
import type { LlmLogger } from '../llm/logger.js';
import { PromptLoader } from '../llm/prompt-loader.js';
import { FallbackUnderstanding } from './fallback.understanding.js';
import { loadUnderstandingPrompts, OpenAIUnderstanding } from './openai/openai.understanding.js';
import type { Understanding } from './understanding.port.js';

export interface CreateUnderstandingOptions {
  /** The process's shared LLM client (used only when a key is set); built from env when omitted. */
  llm?: LlmClient;
  logger?: LlmLogger;
  /** Root of the prompt files; the shipped `prompts/` when omitted. */
  prompts?: PromptLoader;
}

/** Offline only when no OPENAI_API_KEY is set; otherwise the LLM backend with the offline one as fallback. */
export async function createUnderstanding(
  env: LlmEnv,
  offline: Understanding,
  options: CreateUnderstandingOptions = {},
): Promise<Understanding> {
  const llm = env.OPENAI_API_KEY
    ? (options.llm ?? createLlmClient(env, { logger: options.logger }))
    : undefined;
  if (!llm) return offline;
  const prompts = await loadUnderstandingPrompts(options.prompts ?? new PromptLoader());
  return new FallbackUnderstanding(new OpenAIUnderstanding(llm, prompts), offline, options.logger);
}
