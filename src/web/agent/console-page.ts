import { INBOX_STYLES } from './inbox-styles.js';

/** The `/agent` page: a shell the bundled console script fills; all styles here, no inline script. */
export function consolePage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>倾听 · 坐席工作台</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2933; background: #f0f4f8; }
  header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #243b53; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
  main { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: 1rem; padding: 1rem; }
  h2 { font-size: 1rem; margin: 0 0 .5rem; }
  .queue { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
  .case { background: #fff; border-left: 4px solid #9fb3c8; border-radius: 6px; padding: .5rem; display: grid; grid-template-columns: 1fr auto; gap: .15rem .5rem; }
  .case.P1 { border-color: #d64545; } .case.P2 { border-color: #f0b429; } .case.P3 { border-color: #3ebd93; }
  .emotion.angry { color: #d64545; font-weight: 600; } .emotion.anxious, .emotion.sad { color: #c65d21; }
  .flags { color: #8d2b0b; font-size: .85em; } .demand { grid-column: 1 / -1; color: #486581; }
  .claim { grid-column: 2; grid-row: 1 / span 2; align-self: start; }
  .case .category, .case .priority, .case .waiting { color: #486581; font-size: .9em; }
  .case .claim-error { grid-column: 1 / -1; }
  .tabs { display: flex; gap: .25rem; margin-bottom: .5rem; flex-wrap: wrap; }
  .tab.active { background: #243b53; color: #fff; }
  .conversation { display: grid; grid-template-columns: 1fr minmax(16rem, 24rem); gap: 1rem; }
  .chat, .summary, .login { background: #fff; border-radius: 6px; padding: .75rem; }
  .transcript { list-style: none; margin: 0; padding: 0; max-height: 50vh; overflow-y: auto; display: grid; gap: .35rem; }
  bdi, [dir=auto] { unicode-bidi: isolate; } .stated { color: #8d2b0b; font-size: .85em; }
  .msg { padding: .35rem .5rem; border-radius: 6px; background: #f0f4f8; white-space: pre-wrap; word-break: break-word; }
  .msg.customer { background: #e6f6ff; } .msg.agent { background: #e3f9e5; } .msg.system { color: #627d98; }
  .who, .at { font-size: .75em; color: #627d98; margin-right: .5rem; }
  .msg .text { display: block; }
  .composer { display: flex; gap: .5rem; margin-top: .5rem; } .reply { flex: 1; font: inherit; }
  .canned { border: 1px solid #9fb3c8; border-radius: 4px; margin-top: .25rem; background: #fff; max-height: 14rem; overflow-y: auto; }
  .canned-heading, .canned-none { margin: 0; padding: .25rem .5rem; color: #627d98; font-size: .85em; }
  .canned ul { list-style: none; margin: 0; padding: 0; }
  .canned li { padding: .3rem .5rem; cursor: pointer; display: grid; grid-template-columns: auto 1fr; gap: 0 .5rem; }
  .canned li.selected { background: #dceefb; } .canned-shortcut { color: #2680c2; font-family: monospace; } .canned-title { font-weight: 600; }
  .canned-text { grid-column: 1 / -1; color: #486581; font-size: .85em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .customer-typing { min-height: 1.3em; margin: .25rem 0 0; font-size: .85em; color: #627d98; }
  .transfer-box .row { display: flex; gap: .5rem; margin-top: .5rem; } .transfer-box .row input { flex: 1; min-width: 0; }
  .transfer-confirm-box { margin-top: .5rem; padding: .5rem; background: #fffbea; border-left: 3px solid #f0b429; }
  .transfer-confirm-box p { margin: 0 0 .25rem; } .transfer-note { width: 100%; }
  .composer-options { display: flex; gap: 1rem; align-items: center; font-size: .85em; color: #627d98; margin-top: .25rem; flex-wrap: wrap; }
  .actions .row { display: flex; gap: .5rem; margin-top: .5rem; } .actions input { flex: 1; }
  .notes { color: #8d2b0b; font-size: .9em; }
  .summary dl { margin: 0; } .field { display: grid; grid-template-columns: 7rem 1fr; }
  .field dt { color: #627d98; } .field dd { margin: 0; }
  .summary h4 { margin: .5rem 0 .25rem; } .summary ul { margin: 0; padding-left: 1.2rem; }
  .suggested { margin: .5rem 0; padding: .5rem; background: #fffbea; border-left: 3px solid #f0b429; }
  .updated { margin: .25rem 0; padding: .25rem .5rem; background: #e3f9e5; color: #05400a; }
  .changed { background: #e3f9e5; outline: 2px solid #3ebd93; border-radius: 3px; }
  .error { color: #a61b1b; margin: .25rem 0; font-size: .9em; }
  .side { display: grid; gap: 1rem; align-content: start; min-width: 0; }
  .customer-panel { background: #fff; border-radius: 6px; padding: .75rem; }
  .customer-panel h4 { margin: .25rem 0; } .muted { color: #627d98; margin: .25rem 0; font-size: .9em; }
  .tickets, .conversations { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; font-size: .9em; }
  .tickets .event { display: block; color: #486581; }
  .search { margin-bottom: 1rem; } .search form { display: flex; gap: .5rem; } .search-input { flex: 1; min-width: 0; }
  .search-results { background: #fff; border-radius: 6px; padding: .5rem; margin-top: .5rem; }
  .login { max-width: 22rem; margin: 10vh auto; display: grid; gap: .5rem; }
  .login label { display: grid; gap: .15rem; color: #486581; font-size: .9em; }
  input, select, textarea { font: inherit; padding: .25rem .4rem; border: 1px solid #9fb3c8; border-radius: 4px; }
  .status { padding: .25rem 1rem; margin: 0; color: #8d2b0b; } .status:empty { display: none; }
  button { font: inherit; cursor: pointer; border: 1px solid #9fb3c8; border-radius: 4px; background: #fff; padding: .25rem .6rem; }
  button { white-space: nowrap; }
${INBOX_STYLES}
  .availability { display: flex; gap: .5rem; align-items: center; } .availability .load { font-size: .9em; }
  .availability-choice { border-left: 4px solid #3ebd93; } .availability.away .availability-choice { border-left-color: #f0b429; }
  .availability.busy .availability-choice { border-left-color: #d64545; } .availability-error { color: #ffd8d8; font-size: .85em; }
  .supervisor { background: #fff; border-radius: 6px; margin: 1rem 1rem 0; padding: .75rem; }
  .supervisor .row { display: flex; gap: .5rem; align-items: center; } .supervisor h3 { font-size: .95rem; margin: .75rem 0 .25rem; }
  .members { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
  .member { padding: .25rem .5rem; border-radius: 4px; background: #f0f4f8; border-left: 4px solid #9fb3c8; display: grid; }
  .member.online { border-color: #3ebd93; } .member.away { border-color: #f0b429; } .member.busy { border-color: #d64545; }
  .member-load { font-size: .85em; color: #486581; }
  .supervised { border-collapse: collapse; width: 100%; } .supervised th, .supervised td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #d9e2ec; }
  .supervised th { color: #627d98; font-weight: 600; font-size: .9em; }
  @media (max-width: 1100px) { main { grid-template-columns: minmax(14rem, 18rem) 1fr; } .conversation { grid-template-columns: 1fr; } }
  @media (max-width: 50rem) { main, .conversation { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<div id="app"></div>
<script src="/agent/console.js" defer></script>
</body>
</html>`;
}
