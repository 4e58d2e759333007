/** The home page (Handlebars): `view` is a {@link HomeView}. */
export const homeTemplate = `<div data-pagefind-body>
{{#if view.guides.length}}
<h1>{{view.project}} documentation</h1>
<p class="lead">Guides to {{view.project}}, and every template pack this project can use with every template in them. Pick a template to see its sections, where each section comes from, and an example plan.</p>
{{else}}
<h1>{{view.project}}: template packs</h1>
<p class="lead">Every template pack this project can use, and every template in them. Pick a template to see its sections, where each section comes from, and an example plan.</p>
{{/if}}

<section class="search" aria-labelledby="search-heading" data-pagefind-ignore>
<h2 id="search-heading">Search</h2>
<div id="search" class="search-box"></div>
<noscript><p>Search needs JavaScript. Every template is listed below.</p></noscript>
</section>

{{#if view.guides.length}}
<section aria-labelledby="guides">
<h2 id="guides">Guides</h2>
<dl class="guide-list">
{{#each view.guides}}<dt><a href="{{href}}">{{title}}</a></dt>{{#if summary}}<dd>{{summary}}</dd>{{/if}}
{{/each}}
</dl>
{{#if view.nav.apiHref}}<p>See also the <a href="{{view.nav.apiHref}}">API reference</a>.</p>{{/if}}
</section>
{{else if view.nav.apiHref}}
<p>See also the <a href="{{view.nav.apiHref}}">API reference</a>.</p>
{{/if}}

<section aria-labelledby="packs">
<h2 id="packs">Packs</h2>
<ul class="cards">
{{#each view.packs}}
<li class="card">
<h3>{{name}} <span class="version">{{version}}</span></h3>
{{#if description}}<p>{{description}}</p>{{/if}}
<dl class="facts">
{{#if base}}<dt>Extends</dt><dd>{{base}}</dd>{{/if}}
{{#if copiedFrom}}<dt>Copied from</dt><dd>{{copiedFrom}}</dd>{{/if}}
<dt>Source</dt><dd><code>{{source}}</code></dd>
{{#if changelogHref}}<dt>Changelog</dt><dd><a href="{{changelogHref}}">{{name}} changelog</a></dd>{{/if}}
<dt>Templates</dt><dd><ul class="inline-list">{{#each links}}<li><a href="{{href}}">{{ref}}</a></li>{{/each}}</ul></dd>
</dl>
</li>
{{/each}}
</ul>
</section>

<section aria-labelledby="templates">
<h2 id="templates">Templates</h2>
<div class="table-scroll">
<table>
<thead><tr><th scope="col">Template</th><th scope="col">Kind</th><th scope="col">Description</th></tr></thead>
<tbody>
{{#each view.templates}}
<tr><td><a href="{{href}}">{{ref}}</a></td><td>{{kind}}</td><td>{{description}}</td></tr>
{{/each}}
</tbody>
</table>
</div>
<p class="note">Example plans are rendered from {{#if view.exampleSpec.builtIn}}the site's built-in example spec{{else}}<code>{{view.exampleSpec.file}}</code>{{/if}}.</p>
</section>
</div>
`;
