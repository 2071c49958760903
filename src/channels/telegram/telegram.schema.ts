import { z } from 'zod';

/** The parts of a Telegram Bot API `Update` Qingting reads; unknown fields are ignored, not refused. */
const User = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  language_code: z.string().optional(),
});

const Chat = z.object({ id: z.number().int(), type: z.string() });

const InlineKeyboard = z.object({
  inline_keyboard: z.array(
    z.array(z.object({ text: z.string(), callback_data: z.string().optional() })),
  ),
});

const File = z.object({ file_id: z.string(), file_name: z.string().optional() });

export const TelegramMessage = z.object({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(File).optional(),
  document: File.optional(),
  voice: File.optional(),
  audio: File.optional(),
  video: File.optional(),
  sticker: z.object({ file_id: z.string(), emoji: z.string().optional() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  contact: z.object({ phone_number: z.string() }).optional(),
});
export type TelegramMessage = z.infer<typeof TelegramMessage>;

/** A button press; its message may be "inaccessible" (old), so only the chat is required of it. */
export const TelegramCallbackQuery = z.object({
  id: z.string(),
  from: User,
  data: z.string().optional(),
  message: z
    .object({
      message_id: z.number().int().optional(),
      chat: Chat,
      reply_markup: InlineKeyboard.optional(),
    })
    .optional(),
});
export type TelegramCallbackQuery = z.infer<typeof TelegramCallbackQuery>;

export const TelegramUpdate = z.object({
  update_id: z.number().int().nonnegative(),
  message: TelegramMessage.optional(),
  edited_message: TelegramMessage.optional(),
  callback_query: TelegramCallbackQuery.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;
