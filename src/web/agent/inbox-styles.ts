/** Styles of the inbox, label chips and status actions; `console-page.ts` puts them in the page. */
export const INBOX_STYLES = `
  .inbox-views { display: flex; flex-wrap: wrap; gap: .25rem; margin-bottom: .5rem; }
  .inbox-view { display: inline-flex; gap: .3rem; align-items: center; padding: .2rem .45rem; }
  .inbox-view.active { background: #243b53; color: #fff; border-color: #243b53; }
  .inbox-view .count { min-width: 1.4em; padding: 0 .3em; border-radius: 1em; background: #d9e2ec; color: #243b53; font-size: .8em; text-align: center; }
  .inbox-view.active .count { background: #fff; }
  .inbox-tools { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: .5rem; font-size: .9em; color: #486581; }
  .inbox-tools label { display: inline-flex; gap: .35rem; align-items: center; }
  .inbox-filter { display: flex; gap: .25rem; flex: 1; min-width: 10rem; } .label-filter-input { flex: 1; min-width: 0; }
  .filtered { margin: 0 0 .5rem; display: flex; gap: .5rem; align-items: center; color: #2680c2; }
  .case.closed { opacity: .85; border-left-style: dashed; }
  .case .owner, .case .closed-at, .case .resolution-done { color: #486581; font-size: .9em; }
  .waiting-customer { justify-self: start; padding: 0 .4rem; border-radius: 3px; background: #fffbea; color: #8d6b0b; font-size: .85em; }
  .follow-up-due { color: #c65d21; font-size: .9em; }
  .row-labels { grid-column: 1 / -1; }
  .label-chips { list-style: none; margin: .15rem 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem; }
  .label-chip { display: inline-flex; align-items: center; background: #dceefb; color: #0b4f8a; border-radius: 1em; padding: 0 .15rem 0 .5rem; font-size: .85em; }
  .label-chip button { border: 0; background: transparent; padding: 0 .3rem; color: inherit; font-size: inherit; }
  .label-chip .label-filter { padding-left: 0; }
  .inbox-more { width: 100%; margin-top: .5rem; }
  .status-actions, .label-editor { margin-top: .75rem; padding-top: .5rem; border-top: 1px solid #d9e2ec; }
  .status-actions h4, .label-editor h4 { margin: 0 0 .25rem; }
  .case-status { margin: 0; font-weight: 600; } .case-status.waiting_customer { color: #8d6b0b; }
  .status-choice.active { background: #243b53; color: #fff; border-color: #243b53; }
  .label-editor .row { display: flex; gap: .5rem; margin-top: .25rem; } .label-input { flex: 1; min-width: 0; }
`;
