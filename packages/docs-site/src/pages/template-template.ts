/** The partials of the template page: a section with its sub-sections, and the outline. */
export const templatePartials = {
  blame: `<p class="blame{{#if own}} blame-own{{/if}}"><span class="blame-label">from</span> <strong class="layer">{{layer}}</strong> <code class="location">{{location}}</code>{{#each changes}}<span class="change">; {{op}} by <strong class="layer">{{layer}}</strong> <code class="location">{{location}}</code></span>{{/each}}</p>`,
  section: `<section class="tpl-section status-{{status}}" aria-labelledby="{{anchor}}">
<div class="section-head">
{{{headingHtml}}}
{{> blame blame}}
{{#if diffHtml}}<p class="badge badge-{{status}}">{{status}} by this pack</p>{{/if}}
</div>
{{{bodyHtml}}}
{{#if diffHtml}}<details class="diff" data-pagefind-ignore><summary>Upstream and this pack's text</summary><pre class="diff-lines">{{{diffHtml}}}</pre></details>
{{/if}}{{#each children}}{{> section}}{{/each}}
</section>
`,
  outline: `<li><a href="#{{anchor}}">{{title}}</a>{{#if diffHtml}} <span class="badge badge-{{status}}">{{status}}</span>{{/if}}{{#if children.length}}<ol>{{#each children}}{{> outline}}{{/each}}</ol>{{/if}}</li>`,
};

/** A template's page (Handlebars): `view` is a {@link TemplateView}. */
export const templateTemplate = `<div data-pagefind-body>
<nav aria-label="Breadcrumb" class="breadcrumb"><a href="{{view.homeUrl}}">Home</a> <span aria-hidden="true">›</span> {{view.template.pack}}</nav>
<h1>{{view.template.ref}}</h1>
<p class="lead">{{#if view.template.description}}{{view.template.description}}{{else}}No description.{{/if}}</p>
<dl class="facts">
<dt>Kind</dt><dd>{{view.template.kind}}</dd>
<dt>Writes</dt><dd><code>{{view.template.output}}</code></dd>
{{#if view.template.upstream}}<dt>Upstream</dt><dd><code>{{view.template.upstream}}</code> ({{view.changedCount}} sections differ)</dd>{{/if}}
{{#if view.changelogHref}}<dt>Changelog</dt><dd><a href="{{view.changelogHref}}">{{view.template.pack}} changelog</a></dd>{{/if}}
</dl>
{{#if view.versions}}{{> versionSwitcher view.versions}}{{/if}}

<section aria-labelledby="use-it" data-pagefind-ignore>
<h2 id="use-it">Use it</h2>
<pre class="snippet"><code>{{view.useIt}}</code></pre>
</section>

<section aria-labelledby="layers">
<h2 id="layers">Layers</h2>
<ol class="layers">
{{#each view.template.layers}}<li><strong class="layer">{{pack}}@{{version}}</strong> <code>{{file}}</code> <span class="kind">({{kind}})</span></li>
{{/each}}
</ol>
</section>

<nav aria-labelledby="outline" class="outline">
<h2 id="outline">Outline</h2>
<ol>{{#each view.sections}}{{> outline}}{{/each}}</ol>
</nav>

<article aria-labelledby="template-body" class="template-body">
<h2 id="template-body">Template</h2>
<div class="preamble">
{{> blame view.preamble.blame}}
{{{view.preamble.html}}}
</div>
{{#each view.sections}}{{> section}}{{/each}}
{{#if view.removed.length}}
<section class="removed" aria-labelledby="removed-sections" data-pagefind-ignore>
<h3 id="removed-sections">Removed from upstream</h3>
{{#each view.removed}}
<details class="diff"><summary><code>{{path}}</code>: {{title}}</summary><pre class="diff-lines">{{{diffHtml}}}</pre></details>
{{/each}}
</section>
{{/if}}
</article>

<section aria-labelledby="inputs">
<h2 id="inputs">Inputs</h2>
<p>Every template gets <code>SPECIFICATION</code>, <code>spec</code>, <code>project</code>, <code>template</code> and <code>today</code>.{{#if view.template.inputs.length}} This one also declares:{{/if}}</p>
{{#if view.template.inputs.length}}
<div class="table-scroll">
<table>
<thead><tr><th scope="col">Name</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>
{{#each view.template.inputs}}<tr><td><code>{{name}}</code></td><td>{{#if required}}yes{{else}}no{{/if}}</td><td>{{description}}</td></tr>
{{/each}}
</tbody>
</table>
</div>
{{/if}}
</section>

<section aria-labelledby="rules">
<h2 id="rules">Check rules</h2>
<dl class="rules">
<dt>Required sections</dt>
<dd>{{#if view.template.rules.requiredSections.length}}<ul>{{#each view.template.rules.requiredSections}}<li><code>{{this}}</code></li>{{/each}}</ul>{{else}}none{{/if}}</dd>
<dt>Placeholders</dt>
<dd>{{#if view.template.rules.placeholders.length}}<ul>{{#each view.template.rules.placeholders}}<li><code>{{this}}</code></li>{{/each}}</ul>{{else}}none{{/if}}</dd>
<dt>Id patterns</dt>
<dd>{{#if view.template.rules.idPatterns.length}}<ul>{{#each view.template.rules.idPatterns}}<li><code>{{prefix}}</code>: <code>{{pattern}}</code></li>{{/each}}</ul>{{else}}none{{/if}}</dd>
<dt>Traces</dt>
<dd>{{#if view.template.rules.traces.length}}<ul>{{#each view.template.rules.traces}}<li>{{from}} in {{#if in}}<code>{{in}}</code>{{else}}the whole document{{/if}}</li>{{/each}}</ul>{{else}}none{{/if}}</dd>
</dl>
</section>

<section aria-labelledby="example" class="example" data-pagefind-ignore>
<h2 id="example">Example plan</h2>
<p class="note">Rendered from {{#if view.exampleSpec.builtIn}}the site's built-in example spec{{else}}<code>{{view.exampleSpec.file}}</code>{{/if}}.</p>
{{#if view.example.ok}}
<div class="rendered">
{{{view.example.html}}}
</div>
{{else}}
<p class="error" role="status">This template does not render: {{view.example.message}}</p>
{{/if}}
</section>
</div>
`;
