/** The partials of the guide page: an outline entry with the entries under it. */
export const guidePartials = {
  guideOutline: `<li><a href="#{{id}}">{{text}}</a>{{#if children.length}}<ol>{{#each children}}{{> guideOutline}}{{/each}}</ol>{{/if}}</li>`,
};

/**
 * A guide's page (Handlebars): `view` is a {@link GuideView}. `titleHtml` and `bodyHtml` are
 * Markdown the site rendered without raw HTML; everything else is escaped.
 */
export const guideTemplate = `<div data-pagefind-body>
<nav aria-label="Breadcrumb" class="breadcrumb" data-pagefind-ignore><a href="{{view.homeUrl}}">Home</a> <span aria-hidden="true">›</span> <a href="{{view.homeUrl}}#guides">Guides</a></nav>
<h1{{#if view.titleId}} id="{{view.titleId}}"{{/if}}>{{{view.titleHtml}}}</h1>
{{#if view.outline.length}}
<nav aria-labelledby="on-this-page" class="outline guide-outline" data-pagefind-ignore>
<h2 id="on-this-page">On this page</h2>
<ol>{{#each view.outline}}{{> guideOutline}}{{/each}}</ol>
</nav>
{{/if}}
<article class="guide-body">
{{{view.bodyHtml}}}
</article>
{{#if view.pager}}
<nav aria-label="Previous and next guide" class="guide-pager" data-pagefind-ignore>
{{#if view.pager.previous}}<a class="previous" href="{{view.pager.previous.href}}" rel="prev">← {{view.pager.previous.title}}</a>{{/if}}
{{#if view.pager.next}}<a class="next" href="{{view.pager.next.href}}" rel="next">{{view.pager.next.title}} →</a>{{/if}}
</nav>
{{/if}}
</div>
`;
