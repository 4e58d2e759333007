// The version pages (Handlebars). `{{…}}` escapes; only fields ending in `Html` (markup the site
// rendered itself) are inserted raw. Version and compare pages show text of earlier versions, so
// they are left out of the search index (`data-pagefind-ignore="all"`, and no
// `data-pagefind-body`): results lead to the current pages.

/** The partials of the version pages: the switcher and a section of an earlier version. */
export const versionPartials = {
  versionSwitcher: `<nav aria-label="Versions" class="versions" data-pagefind-ignore>
<h2 id="versions">Versions</h2>
<ol class="version-list">
{{#each items}}<li{{#if href}} data-compare-version="{{version}}"{{/if}}>{{#if href}}<a href="{{href}}"{{#if here}} aria-current="page"{{/if}}>{{version}}</a>{{else}}<span class="version-unavailable">{{version}}</span>{{/if}} <span class="origin">{{origin}}</span>{{#if unavailable}} <span class="version-error">unavailable: {{unavailable}}</span>{{/if}}</li>
{{/each}}
</ol>
{{#if compareHref}}<p class="version-links"><a href="{{compareHref}}"{{#if compareHere}} aria-current="page"{{/if}}>Compare any two versions</a></p>
{{/if}}</nav>
`,
  versionSection: `<section class="tpl-section{{#if changed}} version-changed{{/if}}" aria-labelledby="{{anchor}}">
<div class="section-head">
{{{headingHtml}}}
{{#if changed}}<p class="badge badge-version-changed">changed since this version</p>{{/if}}
</div>
{{{bodyHtml}}}
{{#each children}}{{> versionSection}}{{/each}}
</section>
`,
};

/** A template at an earlier version (Handlebars): `view` is a {@link TemplateVersionView}. */
export const templateVersionTemplate = `<div data-pagefind-ignore="all">
<nav aria-label="Breadcrumb" class="breadcrumb"><a href="{{view.homeUrl}}">Home</a> <span aria-hidden="true">›</span> {{view.pack}} <span aria-hidden="true">›</span> <a href="{{view.currentHref}}">{{view.ref}}</a></nav>
<h1>{{view.ref}} <span class="version">{{view.version}}</span></h1>
<p class="version-note" role="note">This is version <strong>{{view.version}}</strong> of {{view.ref}}, {{view.source}}. The current version is <a href="{{view.currentHref}}">{{view.currentVersion}}</a>.{{#if view.changelogHref}} See the <a href="{{view.changelogHref}}">{{view.pack}} changelog</a>.{{/if}}</p>
{{> versionSwitcher view.versions}}
<section aria-labelledby="changes" class="version-changes">
<h2 id="changes">Changed since this version</h2>
{{#if view.changed.length}}
<p>{{view.changedLead}}</p>
<ul>
{{#each view.changed}}<li>{{#if href}}<a href="{{href}}">{{title}}</a>{{else}}{{title}}{{/if}}{{#unless here}} <span class="note">(added since this version)</span>{{/unless}}</li>
{{/each}}
</ul>
{{else}}
<p>No section differs from the current version {{view.currentVersion}}.</p>
{{/if}}
</section>
<article aria-labelledby="template-body" class="template-body">
<h2 id="template-body">Template at {{view.version}}</h2>
<div class="preamble">
{{{view.preambleHtml}}}
</div>
{{#each view.sections}}{{> versionSection}}{{/each}}
</article>
</div>
`;

/**
 * Every pair of a template's versions (Handlebars): `view` is a {@link CompareView}. Without
 * JavaScript every pair is listed; `assets/compare.js` adds two pickers and shows one pair.
 */
export const compareTemplate = `<div data-pagefind-ignore="all" data-compare>
<nav aria-label="Breadcrumb" class="breadcrumb"><a href="{{view.homeUrl}}">Home</a> <span aria-hidden="true">›</span> {{view.pack}} <span aria-hidden="true">›</span> <a href="{{view.currentHref}}">{{view.ref}}</a></nav>
<h1>{{view.ref}}: compare versions</h1>
<p class="lead">The template as the project composed it at each version of the {{view.pack}} pack, line by line from the older version to the newer: removed lines start with <code>-</code>, added lines with <code>+</code>, and long runs of unchanged lines are left out.</p>
{{> versionSwitcher view.versions}}
<section aria-labelledby="differences">
<h2 id="differences">Differences</h2>
<div class="compare-picker" data-compare-picker hidden></div>
<p class="note" role="status" data-compare-status></p>
<nav aria-label="Pairs of versions" class="compare-index">
<ul class="inline-list">{{#each view.pairs}}<li><a href="#{{id}}">{{from}} → {{to}}</a></li>{{/each}}</ul>
</nav>
{{#each view.pairs}}
<section id="{{id}}" class="compare-pair" aria-labelledby="{{id}}-title" data-from="{{from}}" data-to="{{to}}">
<h3 id="{{id}}-title">From {{from}} to {{to}}</h3>
{{#if diffHtml}}<pre class="diff-lines">{{{diffHtml}}}</pre>{{else}}<p>No differences: the template is the same at both versions.</p>{{/if}}
</section>
{{/each}}
</section>
</div>
`;

/** A pack's changelog (Handlebars): `view` is a {@link ChangelogView}; indexed for search. */
export const changelogTemplate = `<div data-pagefind-body>
<nav aria-label="Breadcrumb" class="breadcrumb"><a href="{{view.homeUrl}}">Home</a> <span aria-hidden="true">›</span> <a href="{{view.homeUrl}}#packs">Packs</a></nav>
<h1>{{view.pack}} changelog</h1>
<p class="lead">The release notes of the {{view.pack}} pack, from its <code>CHANGELOG.md</code>. The current version is {{view.version}}.</p>
<article class="changelog">
{{{view.html}}}
</article>
</div>
`;
