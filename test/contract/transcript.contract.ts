import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/message.js';
import type { TranscriptStore } from '../../src/storage/transcript.port.js';

const message = (text: string, extra: Partial<Message> = {}): Message => ({
  id: randomUUID(),
  from: 'customer',
  text,
  at: new Date().toISOString(),
  ...extra,
});

/** One suite for every TranscriptStore implementation (STYLE §5). */
export function transcriptContract(
  name: string,
  make: () => Promise<TranscriptStore> | TranscriptStore,
): void {
  describe(`TranscriptStore contract: ${name}`, () => {
    it('lists nothing for an unknown conversation', async () => {
      const store = await make();
      expect(await store.list(randomUUID())).toEqual([]);
    });

    it('keeps messages in order with their meta', async () => {
      const store = await make();
      const conversation = randomUUID();
      const first = message('我的话费被乱扣了');
      const second = message('请问是哪个号码?', {
        from: 'bot',
        meta: { act: 'ask', slot: 'account', suggestions: ['138…', '不方便说'] },
      });
      await store.append(conversation, first);
      await store.append(conversation, second);
      expect(await store.list(conversation)).toEqual([first, second]);
    });

    it('keeps the first copy when the same id is appended twice', async () => {
      const store = await make();
      const conversation = randomUUID();
      const original = message('first');
      await store.append(conversation, original);
      await store.append(conversation, { ...original, text: 'retried' });
      expect(await store.list(conversation)).toEqual([original]);
    });

    it('keeps conversations apart', async () => {
      const store = await make();
      const [a, b] = [randomUUID(), randomUUID()];
      const ma = message('a');
      await store.append(a, ma);
      await store.append(b, message('b'));
      expect(await store.list(a)).toEqual([ma]);
    });

    it('keeps all of many concurrent appends', async () => {
      const store = await make();
      const conversation = randomUUID();
      const messages = Array.from({ length: 50 }, (_, i) => message(`m${i}`));
      await Promise.all(messages.map((m) => store.append(conversation, m)));
      const listed = await store.list(conversation);
      expect(listed.map((m) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());
    });
  });
}
