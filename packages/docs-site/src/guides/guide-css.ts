/**
 * The guides' stylesheet, served as `assets/guides.css` by sites that have guides, after
 * `assets/site.css` and with its colours: guide bodies whose tables scroll on their own, the
 * outline, the list of guides on the home page, and the previous/next links.
 */
export const guideCss = `.guide-body table { display: block; overflow-x: auto; }
.guide-body td code { white-space: nowrap; }
.guide-body blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 3px solid var(--border); color: var(--muted); }
.guide-body :is(h2, h3, h4, h5, h6) { scroll-margin-top: 1rem; }
.guide-outline { border: 1px solid var(--border); border-radius: 6px; padding: 0 1rem 0.5rem; margin: 1rem 0; background: var(--surface); }
.guide-outline h2 { font-size: 1rem; border: 0; margin: 0.75rem 0 0.25rem; padding: 0; }
.guide-list dt { margin-top: 0.75rem; font-weight: 600; }
.guide-list dd { margin: 0.15rem 0 0; color: var(--muted); }
.guide-pager { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 1rem; }
.guide-pager .next { margin-left: auto; text-align: right; }
`;
