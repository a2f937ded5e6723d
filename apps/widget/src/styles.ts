// All of the widget's CSS, applied inside its shadow root only. Static text, no data: the brand
// colour arrives as the --parley-brand custom property set through the CSSOM.
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; flex-direction: column; align-items: flex-end; gap: 12px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; -webkit-font-smoothing: antialiased; }
button, input, textarea { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.launcher { display: inline-flex; align-items: center; gap: 8px; border: 0; border-radius: 999px; padding: 12px 20px 12px 16px; cursor: pointer;
  background: var(--parley-brand); color: var(--parley-on-brand); box-shadow: 0 6px 20px rgba(0,0,0,.22); font-weight: 600; font-size: 15px; position: relative; }
.launcher:hover { filter: brightness(1.06); }
.launcher svg { width: 22px; height: 22px; fill: currentColor; flex: none; }
.launcher.small { padding: 8px 14px 8px 12px; font-size: 13px; }
.launcher.small svg { width: 18px; height: 18px; }
.unread { position: absolute; top: -6px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px; background: #d93025; color: #fff; font-size: 12px; line-height: 20px; text-align: center; }
.panel { width: 370px; height: min(600px, calc(100vh - 100px)); background: #fff; border-radius: 16px; box-shadow: 0 12px 40px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; }
@media (max-width: 480px) { .root { right: 0; bottom: 0; left: 0; align-items: stretch; } .root.open { top: 0; } .root.open .launcher { display: none; }
  .panel { width: 100%; height: 100%; border-radius: 0; } .launcher { align-self: flex-end; margin: 0 16px 16px 0; } }
.header { display: flex; align-items: center; gap: 8px; padding: 14px 12px 14px 18px; background: var(--parley-brand); color: var(--parley-on-brand); }
.title { flex: 1; min-width: 0; }
.title h2 { margin: 0; font-size: 16px; font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bot-label { font-size: 12px; opacity: .9; }
.close { width: 36px; height: 36px; border: 0; border-radius: 50%; background: transparent; color: inherit; font-size: 24px; line-height: 1; cursor: pointer; }
.close:hover { background: rgba(255,255,255,.18); }
.banner { padding: 6px 12px; background: #fff4e5; color: #8a4b00; font-size: 12px; text-align: center; }
.scroll { flex: 1; overflow-y: auto; padding: 16px 14px 8px; background: #f6f7f9; }
.notice { background: #fff; border: 1px solid #e3e6ea; border-radius: 12px; padding: 10px 12px; margin-bottom: 12px; }
.notice strong { display: block; margin-bottom: 2px; }
.greeting { background: #fff; border-radius: 12px; padding: 10px 12px; margin: 0 0 12px; white-space: pre-wrap; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
a { color: #0b57d0; }
.log { display: flex; flex-direction: column; gap: 10px; }
.msg { display: flex; flex-direction: column; max-width: 82%; align-items: flex-start; align-self: flex-start; }
.msg.customer { align-self: flex-end; align-items: flex-end; }
.msg.system { align-self: center; max-width: 100%; color: #5f6368; font-size: 12px; text-align: center; }
.author { font-size: 12px; color: #5f6368; margin: 0 4px 2px; display: flex; gap: 6px; align-items: center; }
.badge { font-size: 10px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; background: #e8eaed; color: #3c4043; border-radius: 4px; padding: 0 5px; }
.bubble { background: #fff; border-radius: 14px 14px 14px 4px; padding: 8px 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); overflow-wrap: anywhere; max-width: 100%; }
.customer .bubble { background: var(--parley-brand); color: var(--parley-on-brand); border-radius: 14px 14px 4px 14px; }
.customer .bubble a { color: inherit; }
.text { margin: 0; white-space: pre-wrap; }
.text + .text, .text + .actions, .actions + .text { margin-top: 6px; }
.meta { font-size: 11px; color: #5f6368; margin: 2px 4px 0; display: flex; gap: 6px; align-items: center; }
.receipt.read { color: #1a73e8; }
.retry { border: 0; background: none; color: #d93025; text-decoration: underline; cursor: pointer; padding: 0; font-size: 11px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.action { display: inline-block; border: 1px solid var(--parley-brand); color: var(--parley-brand-text); background: #fff; border-radius: 999px; padding: 5px 12px; cursor: pointer; text-decoration: none; font-size: 13px; }
.action:hover { background: #f1f3f4; }
.quick { align-self: flex-end; justify-content: flex-end; max-width: 100%; }
.carousel { display: flex; gap: 10px; overflow-x: auto; scroll-snap-type: x mandatory; padding: 2px 2px 8px; max-width: 300px; }
.card { flex: 0 0 220px; scroll-snap-align: start; background: #fff; border-radius: 12px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.12); display: flex; flex-direction: column; }
.card img { width: 100%; height: 120px; object-fit: cover; display: block; background: #eee; }
.card-body { padding: 8px 10px 10px; }
.card-title { font-weight: 600; margin: 0; }
.card-subtitle { margin: 2px 0 0; color: #5f6368; font-size: 13px; }
.thumb { display: block; max-width: 220px; max-height: 180px; min-width: 48px; min-height: 48px; object-fit: cover; border-radius: 8px; background: #fff; }
.file { display: inline-flex; gap: 6px; align-items: center; }
.typing { min-height: 20px; padding: 0 16px; font-size: 12px; color: #5f6368; font-style: italic; background: #f6f7f9; }
.composer { display: flex; align-items: flex-end; gap: 6px; padding: 10px; border-top: 1px solid #e3e6ea; background: #fff; }
.composer textarea { flex: 1; resize: none; border: 1px solid #c8ccd1; border-radius: 10px; padding: 8px 10px; max-height: 120px; min-height: 38px; background: #fff; }
.icon-btn { flex: none; width: 38px; height: 38px; border: 0; border-radius: 50%; background: transparent; cursor: pointer; color: #5f6368; display: inline-flex; align-items: center; justify-content: center; }
.icon-btn svg { width: 22px; height: 22px; fill: currentColor; }
.icon-btn.send { background: var(--parley-brand); color: var(--parley-on-brand); }
.icon-btn:disabled { opacity: .5; cursor: default; }
.status-line { padding: 0 12px 6px; font-size: 12px; color: #d93025; background: #fff; }
.status-line:empty { display: none; }
.form { display: flex; flex-direction: column; gap: 8px; padding: 12px; border-top: 1px solid #e3e6ea; background: #fff; }
.form p { margin: 0; }
.form label { display: flex; flex-direction: column; gap: 2px; font-size: 13px; font-weight: 600; }
.form input, .csat textarea { border: 1px solid #c8ccd1; border-radius: 8px; padding: 7px 9px; font-weight: 400; background: #fff; }
.error { color: #d93025; font-size: 12px; margin: 0; }
.error:empty { display: none; }
.primary { border: 0; border-radius: 8px; padding: 9px 14px; background: var(--parley-brand); color: var(--parley-on-brand); font-weight: 600; cursor: pointer; }
.primary:disabled { opacity: .5; cursor: default; }
.csat { background: #fff; border-radius: 12px; padding: 12px; margin-top: 12px; display: flex; flex-direction: column; gap: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.csat h3 { margin: 0; font-size: 14px; }
.csat-row { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.smileys { display: flex; gap: 6px; }
.smiley { width: 38px; height: 38px; border-radius: 50%; border: 2px solid transparent; font-size: 20px; line-height: 1; cursor: pointer; padding: 0; }
.smiley.good { background: #e6f4ea; border-color: #1e8e3e; } .smiley.good[aria-pressed="true"] { background: #1e8e3e; }
.smiley.neutral { background: #fef3e0; border-color: #e37400; } .smiley.neutral[aria-pressed="true"] { background: #e37400; }
.smiley.bad { background: #fce8e6; border-color: #d93025; } .smiley.bad[aria-pressed="true"] { background: #d93025; }
.smiley[aria-pressed="true"] { transform: scale(1.1); }
.csat textarea { resize: vertical; min-height: 56px; }
.thanks { margin: 0; font-weight: 600; color: #1e8e3e; }
`;
