/** Widget CSS, scoped by the shadow root so the host page and the widget never restyle each other. */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.qt { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font: 15px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2933; }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer; background: #0f766e; color: #fff;
  font-size: 26px; box-shadow: 0 6px 18px rgba(0,0,0,.2); }
.panel { display: none; flex-direction: column; width: 370px; height: min(600px, calc(100vh - 40px)); background: #fff;
  border-radius: 14px; box-shadow: 0 12px 40px rgba(0,0,0,.22); overflow: hidden; }
.qt.open .panel { display: flex; }
.qt.open .launcher { display: none; }
header { background: #0f766e; color: #fff; padding: 12px 14px; display: flex; align-items: center; gap: 8px; }
header .titles { flex: 1; min-width: 0; }
header h2 { margin: 0; font-size: 16px; font-weight: 600; }
header p { margin: 0; font-size: 12px; opacity: .85; }
header button { background: transparent; color: #fff; border: 0; font-size: 22px; cursor: pointer; line-height: 1; padding: 4px 8px; }
.status { font-size: 12px; padding: 6px 12px; background: #fff7e6; color: #8a5300; }
.status:empty { display: none; }
.log { flex: 1; overflow-y: auto; padding: 12px; background: #f5f7fa; display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg .text { unicode-bidi: isolate; }
.msg .who { display: block; font-size: 11px; color: #52606d; margin-bottom: 2px; }
.msg.bot, .msg.agent { align-self: flex-start; background: #fff; border: 1px solid #e4e7eb; }
.msg.agent { border-color: #99d5cf; }
.msg.customer { align-self: flex-end; background: #0f766e; color: #fff; }
.msg.system { align-self: center; background: transparent; color: #52606d; font-size: 12px; text-align: center; }
.msg .state { display: block; font-size: 11px; opacity: .8; margin-top: 2px; }
.msg.failed { background: #b42318; cursor: pointer; }
.typing { font-size: 12px; color: #52606d; padding: 0 14px 4px; background: #f5f7fa; }
.typing[hidden] { display: none; }
.suggestions { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px 0; background: #fff; }
.suggestions:empty { display: none; }
.suggestions button { border: 1px solid #0f766e; color: #0f766e; background: #fff; border-radius: 16px; padding: 4px 12px;
  font: inherit; font-size: 13px; cursor: pointer; }
form { display: flex; gap: 8px; padding: 10px 12px; background: #fff; border-top: 1px solid #e4e7eb; }
textarea { flex: 1; resize: none; border: 1px solid #cbd2d9; border-radius: 8px; padding: 8px; font: inherit; height: 42px; max-height: 120px; }
form button { border: 0; border-radius: 8px; background: #0f766e; color: #fff; padding: 0 16px; font: inherit; cursor: pointer; }
@media (max-width: 480px) {
  .qt.open { right: 0; bottom: 0; left: 0; top: 0; }
  .qt.open .panel { width: 100vw; height: 100%; border-radius: 0; }
}
`;
