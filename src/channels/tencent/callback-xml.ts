import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

/** Tencent callback bodies are flat `<xml>` documents; values stay strings (a MsgId exceeds 2^53). */
const parser = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
  processEntities: true,
});

export class MalformedCallback extends Error {
  override name = 'MalformedCallback';
}

/** Parses a callback body into its `<xml>` element's fields; anything else is `MalformedCallback`. */
export function parseCallbackXml(body: string): Record<string, unknown> {
  // No DTDs: Tencent never sends one, and entity declarations are the XML bomb's way in.
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new MalformedCallback('DTDs are not accepted');
  const valid = XMLValidator.validate(body);
  if (valid !== true)
    throw new MalformedCallback(`not XML: ${valid.err.msg} (line ${valid.err.line})`);
  const document = z
    .object({ xml: z.record(z.string(), z.unknown()) })
    .safeParse(parser.parse(body));
  if (!document.success) throw new MalformedCallback('no <xml> root with fields');
  return document.data.xml;
}

/** The envelope of a safe-mode callback: only the ciphertext is read from it. */
export const EncryptedEnvelope = z.object({ Encrypt: z.string().min(1) });
