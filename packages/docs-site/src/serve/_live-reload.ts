import type { ServerResponse } from 'node:http';

/** The URL path of the dev server's own files; outside any site, whatever its base. */
export const LIVE_RELOAD_PREFIX = '/__specforge/';
/** The Server-Sent Events stream of builds. */
export const EVENTS_PATH = `${LIVE_RELOAD_PREFIX}events`;
/** The script served pages load to follow {@link EVENTS_PATH}. */
export const RELOAD_SCRIPT_PATH = `${LIVE_RELOAD_PREFIX}reload.js`;

/**
 * The live-reload client. A classic same-origin script, so the pages' Content-Security-Policy
 * (`script-src 'self'`, `connect-src 'self'`) allows it as it is: no inline script, nothing
 * loosened. The page knows the build it was served from (`data-build`); on connecting the stream
 * says the current build, so a rebuild that finished while the page loaded is not missed.
 */
export const RELOAD_SCRIPT = `// specforge docs serve: reloads this page when the site is rebuilt.
(function () {
  var script = document.currentScript;
  var build = script ? script.getAttribute('data-build') : null;
  var events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  function follow(event) {
    if (String(JSON.parse(event.data).build) !== build) location.reload();
  }
  events.addEventListener('build', follow);
  events.addEventListener('reload', follow);
  events.addEventListener('failed', function (event) {
    console.warn('specforge docs serve: the rebuild failed; this page shows the last good site.\\n' + JSON.parse(event.data).message);
  });
})();
`;

/**
 * Adds the live-reload script to an HTML page as it is served, before the last `</body>` (or at
 * the end): built sites never contain it.
 */
export function injectReloadScript(html: string, build: number): string {
  const tag = `<script src="${RELOAD_SCRIPT_PATH}" data-build="${build}"></script>\n`;
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}

/** The event stream clients: each gets every event from its connection on. */
export class EventHub {
  readonly #clients = new Set<ServerResponse>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment now and then lets proxies and browsers see the stream alive.
    this.#heartbeat = setInterval(() => this.#write(': ping\n\n'), 15_000);
    this.#heartbeat.unref();
  }

  /** Starts an event stream on `response`, first telling it the current `build`. */
  open(response: ServerResponse, build: number): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(`retry: 1000\n\n${formatEvent('build', { build })}`);
    this.#clients.add(response);
    response.on('close', () => this.#clients.delete(response));
  }

  /** Sends an event to every client. */
  send(event: 'reload' | 'failed', data: object): void {
    this.#write(formatEvent(event, data));
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #write(text: string): void {
    for (const client of this.#clients) client.write(text);
  }
}

function formatEvent(event: string, data: object): string {
  // JSON has no raw line breaks, so the data is always one `data:` line.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
