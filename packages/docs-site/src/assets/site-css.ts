/**
 * The site's stylesheet, served as `assets/site.css`: the system font stack (no web fonts),
 * light and dark themes following `prefers-color-scheme`, a visible focus ring, and a layout
 * that reads at 375 px.
 */
export const siteCss = `:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #1b1f24;
  --muted: #57606a;
  --border: #d0d7de;
  --surface: #f6f8fa;
  --link: #0550ae;
  --focus: #bf3989;
  --own: #8250df;
  --ins-bg: #dafbe1;
  --ins-fg: #116329;
  --del-bg: #ffebe9;
  --del-fg: #a40e26;
  --pagefind-ui-scale: 0.9;
  --pagefind-ui-primary: var(--link);
  --pagefind-ui-text: var(--fg);
  --pagefind-ui-background: var(--bg);
  --pagefind-ui-border: var(--border);
  --pagefind-ui-tag: var(--surface);
  --pagefind-ui-font: inherit;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --fg: #e6edf3;
    --muted: #9da7b3;
    --border: #3d444d;
    --surface: #161b22;
    --link: #79c0ff;
    --focus: #ff9bce;
    --own: #d2a8ff;
    --ins-bg: #12361f;
    --ins-fg: #aff5b4;
    --del-bg: #4b1113;
    --del-fg: #ffdcd7;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.55;
  overflow-wrap: anywhere;
}
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible, main:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
main:focus:not(:focus-visible) { outline: none; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.skip-link { position: absolute; left: 0.5rem; top: -3rem; padding: 0.5rem 0.75rem; background: var(--bg); color: var(--link); border: 2px solid var(--focus); z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.site-header { border-bottom: 1px solid var(--border); background: var(--surface); }
.header-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.site-title { font-weight: 700; font-size: 1.1rem; text-decoration: none; color: var(--fg); }
.site-title span { color: var(--muted); font-weight: 400; }
.site-header ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
main { padding-top: 1rem; padding-bottom: 2rem; }
.site-footer { border-top: 1px solid var(--border); color: var(--muted); font-size: 0.9rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.75rem 0; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--border); padding-bottom: 0.25rem; }
h3 { font-size: 1.15rem; }
.lead { font-size: 1.05rem; color: var(--muted); }
.note { color: var(--muted); font-size: 0.9rem; }
.version { font-weight: 400; color: var(--muted); font-size: 0.9em; }
.cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
.card { border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem 1rem; background: var(--surface); }
.card h3 { margin: 0 0 0.5rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; min-width: 0; }
.inline-list { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
.table-scroll { overflow-x: auto; }
.table-scroll td:is(:first-child, :nth-child(2)) { white-space: nowrap; }
.table-scroll td:nth-child(n + 3) { min-width: 12rem; }
:is(.template-body, .rendered) table { display: block; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { overflow-wrap: normal; text-align: left; vertical-align: top; border-bottom: 1px solid var(--border); padding: 0.4rem 0.6rem; }
pre { background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem; overflow-x: auto; white-space: pre; overflow-wrap: normal; }
.snippet { font-size: 0.95rem; }
.breadcrumb { font-size: 0.9rem; color: var(--muted); margin-top: 0.5rem; }
.layers { padding-left: 1.5rem; }
.layer { color: var(--own); }
.kind { color: var(--muted); }
.outline ol { padding-left: 1.25rem; }
.outline li { margin: 0.15rem 0; }
.template-body { border: 1px solid var(--border); border-radius: 6px; padding: 0 1rem 1rem; margin-top: 2rem; }
.template-body > h2 { margin-top: 1rem; }
.tpl-section { border-left: 3px solid var(--border); padding-left: 0.75rem; margin: 1rem 0; }
.tpl-section.status-modified, .tpl-section.status-added { border-left-color: var(--own); }
.section-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.75rem; }
.section-head > :is(h1, h2, h3, h4, h5, h6) { margin: 0.5rem 0 0.25rem; }
.blame { margin: 0; font-size: 0.85rem; color: var(--muted); }
.blame-own .layer { font-weight: 700; }
.badge { display: inline-block; margin: 0; padding: 0 0.4rem; border-radius: 999px; border: 1px solid var(--own); color: var(--own); font-size: 0.8rem; }
details.diff { margin: 0.5rem 0; }
details.diff summary { cursor: pointer; color: var(--link); }
.diff-lines del, .diff-lines ins, .diff-lines span { display: block; text-decoration: none; }
.diff-lines del { background: var(--del-bg); color: var(--del-fg); }
.diff-lines ins { background: var(--ins-bg); color: var(--ins-fg); }
.rules dt { font-weight: 600; margin-top: 0.5rem; }
.rules dd { margin-left: 1rem; }
.rendered { border: 1px dashed var(--border); border-radius: 6px; padding: 0 1rem; }
.error { color: var(--del-fg); background: var(--del-bg); padding: 0.5rem 0.75rem; border-radius: 6px; }
.versions { margin: 1rem 0; }
.versions h2 { margin-top: 1rem; }
.version-list { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.version-list [aria-current] { font-weight: 700; text-decoration: none; color: var(--fg); }
.version-list .origin { color: var(--muted); font-size: 0.85rem; }
.version-unavailable { color: var(--muted); text-decoration: line-through; }
.version-error { color: var(--del-fg); font-size: 0.85rem; }
.version-note { border-left: 4px solid var(--own); background: var(--surface); padding: 0.5rem 0.75rem; }
.tpl-section.version-changed { border-left-color: var(--del-fg); }
.version-changed-heading { text-decoration: underline wavy var(--del-fg); text-underline-offset: 0.25em; }
.badge-version-changed { border-color: var(--del-fg); color: var(--del-fg); }
.diff-lines .diff-gap { color: var(--muted); font-style: italic; }
.compare-picker { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.5rem 0; }
.compare-picker[hidden] { display: none; }
.compare-picker select { font: inherit; padding: 0.15rem 0.3rem; }
select:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.compare-index { font-size: 0.9rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.45rem; }
  .template-body { padding: 0 0.5rem 0.5rem; }
  .tpl-section { padding-left: 0.5rem; }
  .facts { grid-template-columns: 1fr; }
  .facts dt { margin-top: 0.25rem; }
}
`;
