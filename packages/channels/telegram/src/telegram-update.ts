import { z } from 'zod';

// The parts of Telegram's Update object Parley reads (https://core.telegram.org/bots/api#update).
// Unknown fields are ignored: the Bot API adds fields often.
const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.object({ id: z.number().int(), type: z.string() });
// Bot API file ids are ~100 characters; the domain keeps provider media ids up to 512.
const fileId = z.string().min(1).max(512);
const photoSize = z.object({
  file_id: fileId,
  file_unique_id: z.string(),
  width: z.number(),
  height: z.number(),
  file_size: z.number().int().nonnegative().optional(),
});
const document = z.object({
  file_id: fileId,
  file_unique_id: z.string(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
});

export const telegramMessageSchema = z.object({
  message_id: z.number().int(),
  from: user.optional(),
  chat,
  date: z.number().int(),
  // Telegram allows 4 096 characters of text and 1 024 of caption; the domain stores 20 000 per block.
  text: z.string().max(20_000).optional(),
  caption: z.string().max(20_000).optional(),
  photo: z.array(photoSize).optional(),
  document: document.optional(),
});

export const telegramUpdateSchema = z.object({
  update_id: z.number().int(),
  message: telegramMessageSchema.optional(),
  edited_message: telegramMessageSchema.optional(),
  callback_query: z
    .object({
      id: z.string().min(1).max(256),
      from: user,
      message: z.object({ message_id: z.number().int(), chat }).optional(),
      // Telegram caps callback_data at 64 bytes; the domain's payload block at 2 000 characters.
      data: z.string().max(2000).optional(),
    })
    .optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;
