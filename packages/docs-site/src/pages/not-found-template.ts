/** The 404 page (Handlebars): served at any path, so its links start with the site's base. */
export const notFoundTemplate = `<h1>Page not found</h1>
<p>There is no page at this address. <a href="{{view.root}}index.html">Go to the list of templates</a>.</p>
`;
