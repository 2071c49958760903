import { createHash, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/**
 * Tencent's callback security, shared by WeChat Official Accounts and WeCom: a SHA-1 signature over
 * the sorted token, timestamp, nonce (and ciphertext), and AES-256-CBC "safe mode" whose plaintext
 * ends with the receiving app's id. Signatures are compared in constant time.
 */
export function plainSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export function cipherSignature(
  token: string,
  timestamp: string,
  nonce: string,
  ciphertext: string,
): string {
  return getSignature(token, timestamp, nonce, ciphertext);
}

export function sameSignature(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected.toLowerCase());
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

export class CallbackDecryptError extends Error {
  override name = 'CallbackDecryptError';
}

/** Decrypts a safe-mode payload and checks it was meant for `receiverId` (AppID or CorpID). */
export function openCiphertext(aesKey: string, ciphertext: string, receiverId: string): string {
  let opened: { message: string; id: string };
  try {
    opened = decrypt(aesKey, ciphertext);
  } catch (error) {
    throw new CallbackDecryptError('ciphertext does not decrypt with the EncodingAESKey', {
      cause: error,
    });
  }
  if (opened.id !== receiverId)
    throw new CallbackDecryptError('ciphertext was encrypted for another app id');
  return opened.message;
}

export function sealPlaintext(aesKey: string, plaintext: string, receiverId: string): string {
  return encrypt(aesKey, plaintext, receiverId);
}
