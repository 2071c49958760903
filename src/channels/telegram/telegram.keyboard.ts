import type { InlineKeyboardButton } from 'grammy/types';
import { INDEXED } from './telegram.decode.js';

/** Telegram's limit on `callback_data`, in bytes. */
const CALLBACK_DATA_BYTES = 64;
/** Short buttons share a row; longer ones get a row each, so Chinese labels are not cut off. */
const ROW_CHARS = 14;
const ROW_BUTTONS = 3;

/**
 * Quick replies as an inline keyboard. A button carries its own text as `callback_data` so the
 * press reads as if the customer had typed it; text too long for the field is sent by position.
 */
export function inlineKeyboard(suggestions: readonly string[]): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  let row: InlineKeyboardButton[] = [];
  let rowChars = 0;
  suggestions.forEach((text, index) => {
    const fits =
      Buffer.byteLength(text, 'utf8') <= CALLBACK_DATA_BYTES && !text.startsWith(INDEXED);
    const button = { text, callback_data: fits ? text : `${INDEXED}${index}` };
    const chars = [...text].length;
    if (row.length > 0 && (row.length >= ROW_BUTTONS || rowChars + chars > ROW_CHARS)) {
      rows.push(row);
      row = [];
      rowChars = 0;
    }
    row.push(button);
    rowChars += chars;
  });
  if (row.length > 0) rows.push(row);
  return rows;
}
