import { join } from 'node:path';
import { readTextIfPresent } from './_read.js';

/** Spec Kit's license, as its repository states it, for when the input has no copy. */
const speckitLicense = `MIT License

Copyright GitHub, Inc.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

const licenseNames = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'];

/**
 * The MIT license text to quote for Spec Kit's templates: the first MIT `LICENSE` found in
 * `dirs` (a checkout has one at its root; the corpus keeps one beside its release folders), else
 * Spec Kit's own.
 */
export async function findSpeckitLicense(dirs: readonly string[]): Promise<string> {
  for (const dir of dirs) {
    for (const name of licenseNames) {
      const text = await readTextIfPresent(join(dir, name));
      if (
        text !== undefined &&
        /MIT License/.test(text) &&
        /Permission is hereby granted/.test(text)
      ) {
        return text.replace(/\r\n?/g, '\n');
      }
    }
  }
  return speckitLicense;
}

/** A license text as a Markdown block quote. */
export function quoteLicense(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** The README's attribution section for templates that come from Spec Kit. */
export function speckitAttribution(license: string, what: string): string {
  return `${what} come from [GitHub Spec Kit](https://github.com/github/spec-kit), which is under the MIT license; its notice goes with every copy:\n\n${quoteLicense(license)}\n`;
}
