/** The `/admin` page the bundled console fills; all styles here, no inline script. */
export function adminPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>倾听 · 管理后台</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2933; background: #f0f4f8; }
  .top { display: flex; gap: .75rem; align-items: center; padding: .5rem 1rem; background: #243b53; color: #fff; }
  .top h1 { font-size: 1.1rem; margin: 0; flex: 1; }
  .top button { background: transparent; color: #fff; border: 1px solid #829ab1; }
  .top nav { display: flex; flex-wrap: wrap; gap: .25rem; }
  .top nav a { color: #d9e2ec; text-decoration: none; padding: .3rem .6rem; border-radius: 4px; }
  .top nav a:hover, .top nav a:focus-visible { color: #fff; background: #334e68; }
  .top nav a[aria-current=page] { color: #fff; background: #486581; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #f0b429; outline-offset: 1px; }
  main { padding: 1rem; max-width: 1440px; margin: 0 auto; }
  button { font: inherit; padding: .3rem .75rem; border-radius: 4px; border: 1px solid #9fb3c8; background: #fff; cursor: pointer; }
  button:hover { border-color: #486581; }
  input, select { font: inherit; padding: .25rem .4rem; border: 1px solid #9fb3c8; border-radius: 4px; background: #fff; }
  .filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-bottom: 1rem; }
  .filters label, .login label { display: grid; gap: .15rem; font-size: .85rem; color: #486581; }
  .filters button[type=submit], .login button { background: #2680c2; border-color: #2680c2; color: #fff; }
  .kpis { display: grid; grid-template-columns: repeat(8, minmax(0, 1fr)); gap: .75rem; margin-bottom: 1rem; }
  .kpi { background: #fff; border-radius: 6px; padding: .6rem .75rem; display: grid; gap: .2rem; border-top: 3px solid #2680c2; }
  .kpi-label { color: #627d98; font-size: .8rem; }
  .kpi-value { font-size: 1.25rem; white-space: nowrap; font-weight: 600; }
  .grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; }
  .card { background: #fff; border-radius: 6px; padding: .75rem; min-width: 0; }
  .card.wide { grid-column: span 3; }
  .card > header { display: flex; align-items: center; gap: .5rem; margin-bottom: .5rem; }
  .card h2 { font-size: .95rem; margin: 0; flex: 1; }
  .csv { font-size: .8rem; padding: .15rem .5rem; color: #2680c2; border-color: #bcccdc; }
  .toggle { display: flex; gap: .25rem; margin-bottom: .25rem; flex-wrap: wrap; }
  .toggle .active { background: #243b53; border-color: #243b53; color: #fff; }
  .figures { display: grid; gap: .35rem; margin: 0; }
  .figures div { display: flex; justify-content: space-between; border-bottom: 1px solid #f0f4f8; padding: .15rem 0; }
  .figures dt { color: #486581; } .figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
  table { width: 100%; border-collapse: collapse; font-size: .9rem; }
  th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e4e7eb; overflow-wrap: anywhere; }
  th { color: #627d98; font-weight: 500; }
  td:nth-child(2) { font-variant-numeric: tabular-nums; }
  .empty, .loading { color: #829ab1; }
  .error { color: #d64545; }
  .page { display: grid; gap: 1rem; }
  .two-columns { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1rem; align-items: start; }
  .form-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .6rem .75rem; align-content: start; align-items: end; }
  .form-grid h2, .form-grid .form-actions { grid-column: 1 / -1; }
  .form-grid label, .inline-form label { display: grid; gap: .15rem; font-size: .85rem; color: #486581; }
  .inline-form { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: end; margin-top: .75rem; }
  .form-actions { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
  .form-actions p { margin: 0; }
  button.primary { background: #2680c2; border-color: #2680c2; color: #fff; }
  small { color: #829ab1; font-size: .75rem; }
  .sub { color: #627d98; font-size: .85rem; }
  .pill { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8rem; white-space: nowrap; }
  .pill.on { background: #e3f9e5; color: #207227; } .pill.off { background: #ffe3e3; color: #a61b1b; }
  tr.muted td { color: #829ab1; }
  .row-actions { white-space: nowrap; } .row-actions button { margin: 0 .25rem .25rem 0; }
  .row-actions p { white-space: normal; margin: .25rem 0 0; font-size: .8rem; }
  .scroll { overflow-x: auto; }
  .toolbar { display: flex; justify-content: flex-end; }
  .nowrap { white-space: nowrap; }
  td.detail { font-family: ui-monospace, monospace; font-size: .8rem; color: #486581; max-width: 28rem; }
  code { font-family: ui-monospace, monospace; font-size: .85rem; }
  .done { color: #207227; }
  .more { margin-top: .75rem; }
  .login { max-width: 22rem; margin: 3rem auto; display: grid; gap: .75rem; }
  .login h2 { margin: 0; font-size: 1.1rem; }
  .config-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; }
  .config-grid .side { display: grid; gap: 1rem; align-content: start; min-width: 0; }
  .config-grid h3 { font-size: .95rem; margin: 0 0 .5rem; }
  .code-editor .cm-editor { height: 60vh; border: 1px solid #bcccdc; border-radius: 4px; font-size: 13px; }
  .problems { margin: .5rem 0; padding-left: 1.2rem; }
  .actions { display: flex; gap: .5rem; }
  .actions .primary { background: #2680c2; border-color: #2680c2; color: #fff; }
  button:disabled { opacity: .5; cursor: not-allowed; }
  .ok { color: #199473; }
  .live-line { color: #486581; margin: .25rem 0 .75rem; }
  .diff { max-height: 16rem; overflow: auto; font-size: 12px; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .diff-add { color: #0e7c66; background: #e3f9e5; display: block; } .diff-del { color: #a61b1b; background: #ffe3e3; display: block; } .diff-same { color: #9fb3c8; display: block; }
  .faq-form { display: grid; gap: .5rem; } .faq-form label { display: grid; gap: .15rem; font-size: .85rem; color: #486581; }
  .faq-form textarea { font: inherit; padding: .3rem; border: 1px solid #9fb3c8; border-radius: 4px; }
  .report ul { margin: .25rem 0; padding-left: 0; list-style: none; } .failure { margin-left: 1.2rem; font-size: .85rem; }
  .try-log { list-style: none; padding: 0; margin: 0 0 .5rem; max-height: 14rem; overflow: auto; display: grid; gap: .3rem; }
  .try-log li { padding: .3rem .5rem; border-radius: 6px; max-width: 90%; white-space: pre-wrap; }
  .try-log .bot { background: #f0f4f8; } .try-log .customer { background: #dceefb; justify-self: end; }
  .try-it form { display: flex; gap: .4rem; flex-wrap: wrap; } .try-it input { flex: 1; min-width: 10rem; }
  .override { margin-top: .5rem; border-color: #d64545; color: #d64545; }
  @media (max-width: 1100px) {
    .config-grid { grid-template-columns: 1fr; }
    .top { flex-wrap: wrap; }
    .top h1 { flex-basis: 100%; }
    .kpis { grid-template-columns: repeat(4, minmax(0, 1fr)); }
    .grid { grid-template-columns: repeat(2, minmax(0, 1fr)); }
    .card.wide { grid-column: span 2; }
  }
  @media (max-width: 900px) {
    .two-columns { grid-template-columns: 1fr; }
  }
  @media (max-width: 640px) {
    .form-grid { grid-template-columns: 1fr; }
    .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); }
    .grid { grid-template-columns: 1fr; }
    .card.wide { grid-column: auto; }
  }
</style>
</head>
<body>
<div id="app"></div>
<script src="/admin/console.js"></script>
</body>
</html>
`;
}
