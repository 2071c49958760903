import type { Language } from '../domain/taxonomy.js';

const TEXT = {
  zh: {
    title: '倾听 Qingting — 在线投诉受理助手',
    heading: '倾听 · 在线投诉受理助手',
    lead: '右下角的对话窗口就是嵌入到网站上的聊天组件。它会先倾听和安抚,再记录投诉要点、登记工单,需要时转接人工客服。',
    embed: '在任何网页中加入这一行即可使用:',
  },
  en: {
    title: 'Qingting — complaint-intake assistant',
    heading: 'Qingting · complaint-intake assistant',
    lead: 'The chat in the corner is the widget a website embeds. It listens and calms first, then records the key facts of a complaint, opens a ticket and brings in a person when needed.',
    embed: 'Add this one line to any page to use it:',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** The `/` demo page: a plain page with the one-line widget embed, in the visitor's language. */
export function demoPage(lang: Language): string {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>
  body { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
  main { max-width: 40rem; margin: 0 auto; padding: 3rem 1.25rem; line-height: 1.6; }
  code { background: #e4e7eb; padding: 0.2rem 0.4rem; border-radius: 4px; word-break: break-all; }
</style>
</head>
<body>
<main>
  <h1>${t.heading}</h1>
  <p>${t.lead}</p>
  <p>${t.embed}</p>
  <p><code>&lt;script src="/widget.js" defer&gt;&lt;/script&gt;</code></p>
</main>
<script src="/widget.js" data-open="true" defer></script>
</body>
</html>
`;
}
