import { z } from 'zod';
import {
  CallbackDecryptError,
  cipherSignature,
  openCiphertext,
  plainSignature,
  sameSignature,
} from './callback-crypto.js';
import { EncryptedEnvelope, MalformedCallback, parseCallbackXml } from './callback-xml.js';

export interface CallbackSecrets {
  token: string;
  /** Set: safe mode (every POST body is encrypted). */
  aesKey?: string;
  /** The id the ciphertext must name: the AppID (WeChat) or CorpID (WeCom). */
  receiverId: string;
}

/** Why a callback was refused: 401 for anything about who sent it, 400 for what was sent. */
export type CallbackRefusal = { status: 400 | 401; reason: string };
export type Opened<T> = { ok: true; value: T } | ({ ok: false } & CallbackRefusal);

const Query = z.object({
  signature: z.string().optional(),
  msg_signature: z.string().optional(),
  timestamp: z.string().min(1),
  nonce: z.string().min(1),
  echostr: z.string().optional(),
  encrypt_type: z.string().optional(),
});

const refuse = (status: 400 | 401, reason: string): Opened<never> => ({
  ok: false,
  status,
  reason,
});

/** GET URL verification: returns the `echostr` to echo (decrypted when it is a WeCom ciphertext). */
export function openEcho(
  secrets: CallbackSecrets,
  rawQuery: unknown,
  encryptedEcho: boolean,
): Opened<string> {
  const query = Query.safeParse(rawQuery);
  if (!query.success || query.data.echostr === undefined)
    return refuse(401, 'signature parameters missing');
  const { timestamp, nonce, echostr } = query.data;
  if (!encryptedEcho) {
    const expected = plainSignature(secrets.token, timestamp, nonce);
    return sameSignature(expected, query.data.signature)
      ? { ok: true, value: echostr }
      : refuse(401, 'wrong signature');
  }
  const expected = cipherSignature(secrets.token, timestamp, nonce, echostr);
  if (!sameSignature(expected, query.data.msg_signature)) return refuse(401, 'wrong msg_signature');
  return decrypted(secrets, echostr);
}

/**
 * A POST callback's fields after every check: the query signature (WeChat signs even in safe
 * mode), then in safe mode the `msg_signature` over the ciphertext, the decryption and the app id.
 */
export function openCallback(
  secrets: CallbackSecrets,
  rawQuery: unknown,
  body: unknown,
  options: { plainSignature: boolean },
): Opened<Record<string, unknown>> {
  const query = Query.safeParse(rawQuery);
  if (!query.success) return refuse(401, 'signature parameters missing');
  const { timestamp, nonce } = query.data;
  if (
    options.plainSignature &&
    !sameSignature(plainSignature(secrets.token, timestamp, nonce), query.data.signature)
  )
    return refuse(401, 'wrong signature');
  if (typeof body !== 'string' || body.trim() === '') return refuse(400, 'empty body');
  const outer = xml(body);
  if (!outer.ok) return outer;
  if (secrets.aesKey === undefined) return outer;
  const envelope = EncryptedEnvelope.safeParse(outer.value);
  if (!envelope.success) return refuse(400, 'safe mode expects an <Encrypt> element');
  const ciphertext = envelope.data.Encrypt;
  const expected = cipherSignature(secrets.token, timestamp, nonce, ciphertext);
  if (!sameSignature(expected, query.data.msg_signature)) return refuse(401, 'wrong msg_signature');
  const inner = decrypted(secrets, ciphertext);
  return inner.ok ? xml(inner.value) : inner;
}

function decrypted(secrets: CallbackSecrets, ciphertext: string): Opened<string> {
  if (secrets.aesKey === undefined) return refuse(400, 'no EncodingAESKey configured');
  try {
    return { ok: true, value: openCiphertext(secrets.aesKey, ciphertext, secrets.receiverId) };
  } catch (error) {
    if (error instanceof CallbackDecryptError) return refuse(401, error.message);
    throw error;
  }
}

function xml(body: string): Opened<Record<string, unknown>> {
  try {
    return { ok: true, value: parseCallbackXml(body) };
  } catch (error) {
    if (error instanceof MalformedCallback) return refuse(400, error.message);
    throw error;
  }
}
