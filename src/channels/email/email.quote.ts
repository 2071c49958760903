/**
 * Where the quoted part of a reply begins, for the mail clients customers use: Gmail and Apple
 * ("On … wrote:", "在 … 写道:", Gmail zh "… 于2026年1月2日周五 10:00写道:"), Outlook ("-----Original
 * Message-----", "-----原始邮件-----", a "From:/发件人:" block with "Sent:/发送时间:"), QQ mail
 * ("------------------ 原始邮件 ------------------", "------------------ Original ------------------").
 */
const HEADER_LINE = [
  /^On\b.{0,300}\bwrote:\s*$/i,
  /^.{0,300}(?:写道|寫道)\s*[::]\s*$/,
  /^-{2,}\s*(?:Original(?: Message)?|原始邮件|原始郵件|回复的原邮件|Forwarded message|转发邮件)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];
const FROM_LINE = /^\s*\*?(?:From|发件人|寄件者)\s*\*?\s*[::]/i;
const META_LINE = /^\s*\*?(?:Sent|Date|To|Subject|发送时间|时间|日期|收件人|主题)\s*\*?\s*[::]/i;
/** Signature delimiters and phone footers, which end the customer's own words. */
const SIGNATURE = [/^-- ?$/, /^(?:Sent from my \w+|发自我的\s*\S+|从我的\s*\S+\s*发送)\s*$/i];

/**
 * The customer's own words of an email: everything before the first quote header, without `>`
 * lines, signature or phone footer. A header split over two lines ("On Mon, … <a@b.c>" / "wrote:")
 * is recognised too. When stripping would leave nothing, the text is kept as sent.
 */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const next = lines[index + 1] ?? '';
    if (startsQuote(line, next, lines.slice(index + 1, index + 5))) break;
    if (SIGNATURE.some((pattern) => pattern.test(line.trim()))) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  const own = kept.join('\n').trim();
  return own === '' ? text.trim() : own;
}

function startsQuote(line: string, next: string, following: readonly string[]): boolean {
  const trimmed = line.trim();
  if (HEADER_LINE.some((pattern) => pattern.test(trimmed))) return true;
  if (/^On\b/i.test(trimmed) && /^.{0,200}\bwrote:\s*$/i.test(next.trim())) return true;
  if (/^在.{0,200}$/.test(trimmed) && /^.{0,100}(?:写道|寫道)\s*[::]\s*$/.test(next.trim()))
    return true;
  return FROM_LINE.test(line) && following.some((candidate) => META_LINE.test(candidate));
}
